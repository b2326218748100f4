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
 * those wake-ups arrive from the JDK's threads, so this is how they keep that precedence. The
 * precedence is bounded: a yielded goroutine that has waited {@link #YIELDED_MAX_WAIT_NS} (one
 * time slice) goes before readied work. Without the bound, a server whose poller readies
 * goroutines faster than they run never emptied the readied deque, and a goroutine preempted
 * there waited for seconds (a 5,000-connection hello server: p99 0.8 s, max 2.1 s).
 *
 * <p>Two deques under one lock; {@link #size} (both) is readable without the lock so the hot path
 * can skip the queue when it is empty.
 */
final class GlobalRunQueue {
    private final SpinLock lock = new SpinLock();                    // not a monitor: see SpinLock
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();   // readied work; guarded by lock
    private final ArrayDeque<Runnable> yielded = new ArrayDeque<>(); // preempted or gosched; guarded by lock
    /** When each entry of {@link #yielded} was put (coarse clock), in the same order. Guarded by lock. */
    private long[] yieldedAt = new long[16];
    private int yieldedHead; // index in yieldedAt of yielded's first entry; guarded by lock

    /** How long a yielded goroutine lets readied work go first: one time slice, as sysmon preempts. */
    static final long YIELDED_MAX_WAIT_NS = Sysmon.FORCE_PREEMPT_NS;
    private volatile int size;                                        // both; written under the lock, read racily
    private final java.util.function.LongSupplier clock;              // the coarse clock; tests pass their own

    GlobalRunQueue() {
        this(CoarseClock::nanotime);
    }

    GlobalRunQueue(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

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
            int n = yielded.size();
            if (n == yieldedAt.length) { // grow the ring, oldest first
                long[] grown = new long[n * 2];
                for (int i = 0; i < n; i++) grown[i] = yieldedAt[(yieldedHead + i) % n];
                yieldedAt = grown;
                yieldedHead = 0;
            }
            yieldedAt[(yieldedHead + n) % yieldedAt.length] = clock.getAsLong();
            yielded.addLast(task);
            size++;
        } finally {
            lock.unlock();
        }
    }

    private Runnable poll() { // under lock
        assert lock.isHeldByCurrentThread();
        if (!yielded.isEmpty() && (queue.isEmpty() || clock.getAsLong() - yieldedAt[yieldedHead] >= YIELDED_MAX_WAIT_NS)) {
            yieldedHead = (yieldedHead + 1) % yieldedAt.length;
            return yielded.pollFirst();
        }
        return queue.pollFirst();
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
