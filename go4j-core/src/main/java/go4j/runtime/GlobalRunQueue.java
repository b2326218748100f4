package go4j.runtime;

import java.util.ArrayDeque;

/**
 * The global run queue (Go's {@code sched.runq}): where work goes that no P owns — wake-ups from
 * threads that are not Ms (timers, the JDK's I/O poller, {@code main}), overflow from full local
 * queues, {@code Go.gosched}, and the queues of retired Ps.
 *
 * <p>Goroutines that gave the processor up (preempted, or {@code Go.gosched}) wait in a second
 * deque behind everything readied: in Go a timer or network wake-up goes to runnext of the P that
 * noticed it, ahead of the goroutines its slice-hogging neighbours left in the global queue; here
 * those wake-ups arrive from the JDK's threads, so this is how they keep that precedence.
 *
 * <p>Two deques under one lock; {@link #size} (both) is readable without the lock so the hot path
 * can skip the queue when it is empty.
 */
final class GlobalRunQueue {
    private final SpinLock lock = new SpinLock();                    // not a monitor: see SpinLock
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();   // readied work; guarded by lock
    private final ArrayDeque<Runnable> yielded = new ArrayDeque<>(); // preempted or gosched; guarded by lock
    private volatile int size;                                        // both; written under the lock, read racily

    int size() { return size; }

    void put(Runnable task) {
        lock.lock();
        try {
            queue.addLast(task);
            size++;
        } finally {
            lock.unlock();
        }
    }

    /** A goroutine that yielded its slice: it runs after everything readied. */
    void putYielded(Runnable task) {
        lock.lock();
        try {
            yielded.addLast(task);
            size++;
        } finally {
            lock.unlock();
        }
    }

    private Runnable poll() { // under lock
        Runnable t = queue.pollFirst();
        return t != null ? t : yielded.pollFirst();
    }

    void putBatch(Runnable[] batch, int n) {
        lock.lock();
        try {
            for (int i = 0; i < n; i++) {
                queue.addLast(batch[i]);
                batch[i] = null;
            }
            size += n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a fair share for {@code p} (Go's globrunqget): at most {@code size/gomaxprocs + 1}, at
     * most {@code max} when positive, at most half a local queue. Returns the first to run now and
     * moves the rest into {@code p}'s local queue; {@code p} must be held by the calling M.
     */
    Runnable get(P p, int gomaxprocs, int max) {
        lock.lock();
        try {
            int n = size;
            if (n == 0) return null;
            n = Math.min(n, n / Math.max(1, gomaxprocs) + 1);
            if (max > 0) n = Math.min(n, max);
            n = Math.min(n, p.runq.capacity() / 2);
            Runnable first = poll();
            int taken = 1;
            for (; taken < n; taken++) {
                Runnable task = poll();
                if (!p.runq.offer(task)) { // cannot happen while the caller's queue is empty; keep it safe
                    queue.addFirst(task);
                    break;
                }
            }
            size -= taken;
            return first;
        } finally {
            lock.unlock();
        }
    }
}
