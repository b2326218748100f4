package go4j.runtime;

import java.util.ArrayDeque;

/**
 * The global run queue (Go's {@code sched.runq}): where work goes that no P owns — wake-ups from
 * threads that are not Ms (timers, the JDK's I/O poller, {@code main}), overflow from full local
 * queues, {@code Go.gosched}, and the queues of retired Ps.
 *
 * <p>A deque under its own lock; {@link #size} is readable without the lock so the hot path can
 * skip the queue when it is empty.
 */
final class GlobalRunQueue {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>(); // guarded by this
    private volatile int size;                                      // written under the lock, read racily

    int size() { return size; }

    synchronized void put(Runnable task) {
        queue.addLast(task);
        size = queue.size();
    }

    synchronized void putBatch(Runnable[] batch, int n) {
        for (int i = 0; i < n; i++) {
            queue.addLast(batch[i]);
            batch[i] = null;
        }
        size = queue.size();
    }

    /**
     * Takes a fair share for {@code p} (Go's globrunqget): at most {@code size/gomaxprocs + 1}, at
     * most {@code max} when positive, at most half a local queue. Returns the first to run now and
     * moves the rest into {@code p}'s local queue; {@code p} must be held by the calling M.
     */
    synchronized Runnable get(P p, int gomaxprocs, int max) {
        int n = queue.size();
        if (n == 0) return null;
        n = Math.min(n, n / Math.max(1, gomaxprocs) + 1);
        if (max > 0) n = Math.min(n, max);
        n = Math.min(n, p.runq.capacity() / 2);
        Runnable first = queue.pollFirst();
        for (int i = 1; i < n; i++) {
            Runnable task = queue.pollFirst();
            if (!p.runq.offer(task)) { // cannot happen while the caller's queue is empty; keep it safe
                queue.addFirst(task);
                break;
            }
        }
        size = queue.size();
        return first;
    }
}
