package go4j.runtime;


/**
 * The global run queue (Go's {@code sched.runq}): where work goes that no P owns — wake-ups from
 * threads that are not Ms (timers, the JDK's I/O poller, {@code main}), overflow from full local
 * queues, {@code Go.gosched}, and the queues of retired Ps.
 *
 * <p>Goroutines that gave the processor up (preempted, or {@code Go.gosched}) wait in a second
 * deque, behind readied work: in Go a timer or network wake-up goes to runnext of the P that
 * noticed it, ahead of the goroutines its slice-hogging neighbours left in the global queue; here
 * those wake-ups arrive from the JDK's threads, so this is how they keep that precedence. The
 * precedence is a head start of one time slice ({@link #READIED_HEAD_START_NS}), not a rank: a
 * yielded goroutine goes before readied work that was readied more than a slice after it yielded.
 * So a ticker beside CPU-bound loops still runs before the loops that yielded while it slept,
 * and a goroutine preempted on a loaded server, whose pollers ready work faster than it runs,
 * waits about as long as that work does (without any bound it waited for seconds: a
 * 5,000-connection hello server had p99 0.8 s, max 2.1 s; with a bound on its own wait alone, a
 * ticker beside two CPU loops waited behind both and its gap doubled).
 *
 * <p>Two deques under one lock; {@link #size} (both) is readable without the lock so the hot path
 * can skip the queue when it is empty.
 */
final class GlobalRunQueue {
    private final SpinLock lock = new SpinLock();                    // not a monitor: see SpinLock
    private final Fifo queue = new Fifo();   // readied work; guarded by lock
    private final Fifo yielded = new Fifo(); // preempted or gosched; guarded by lock

    /** How long readied work goes before a goroutine that yielded: one time slice, as sysmon preempts. */
    static final long READIED_HEAD_START_NS = Sysmon.FORCE_PREEMPT_NS;
    private volatile int size;                                        // both; written under the lock, read racily
    private final java.util.function.LongSupplier clock;              // the coarse clock; tests pass their own

    GlobalRunQueue() {
        this(new CoarseClock.Supplier());
    }

    GlobalRunQueue(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    int size() { return size; }

    void put(Runnable task) {
        lock.lock();
        try {
            queue.addLast(task, clock.getAsLong());
            size++;
        } finally {
            lock.unlock();
        }
    }

    /** A goroutine that yielded its slice: it runs after what is readied within a slice from now. */
    void putYielded(Runnable task) {
        lock.lock();
        try {
            yielded.addLast(task, clock.getAsLong());
            size++;
        } finally {
            lock.unlock();
        }
    }

    private Runnable poll() { // under lock
        assert lock.isHeldByCurrentThread();
        if (!yielded.isEmpty() && (queue.isEmpty() || yielded.firstAt() + READIED_HEAD_START_NS < queue.firstAt())) {
            return yielded.pollFirst();
        }
        return queue.pollFirst();
    }

    /** Appends {@code batch[0..n)}, in order, and empties those slots of {@code batch}. */
    void putBatch(Object[] batch, int n) {
        lock.lock();
        try {
            queue.addAll(batch, n, clock.getAsLong());
            size += n;
        } finally {
            lock.unlock();
        }
        java.util.Arrays.fill(batch, 0, n, null); // outside the lock: the other Ms wait on it
    }

    /**
     * Takes a fair share for {@code p} (Go's globrunqget): at most {@code size/gomaxprocs + 1}, at
     * most {@code max} when positive, at most half a local queue. Returns the first to run now and
     * moves the rest into {@code p}'s local queue; {@code p} must be held by the calling M, and
     * {@code batch} is that M's (empty, at least half a local queue long). The lock is held only
     * while the share is copied out: under a burst of spawns the spawner's overflow and the
     * other Ms' takes meet here, and a take that filled the ring under the lock made them yield.
     */
    Runnable get(P p, Object[] batch, int gomaxprocs, int max) {
        int n;
        lock.lock();
        try {
            n = size;
            if (n == 0) return null;
            n = Math.min(n, n / Math.max(1, gomaxprocs) + 1);
            if (max > 0) n = Math.min(n, max);
            // At most half a local queue, and never more than fits: the caller owns p, so no one
            // else fills its ring, and thieves only make room (size() is an upper bound for it).
            n = Math.min(n, Math.min(p.runq.capacity() / 2, p.runq.capacity() - p.runq.size() + 1));
            if (yielded.isEmpty()) {
                queue.pollAll(batch, n);
            } else {
                for (int i = 0; i < n; i++) batch[i] = poll();
            }
            size -= n;
        } finally {
            lock.unlock();
        }
        Runnable first = (Runnable) batch[0];
        boolean offered = p.runq.offerAll(batch, 1, n - 1);
        assert offered : "globrunqget: the local queue had no room";
        java.util.Arrays.fill(batch, 0, n, null); // an M's batch must not keep goroutines reachable
        return first;
    }

    /** A FIFO of tasks, each with the time it was put (a ring of pairs, grown by doubling). */
    private static final class Fifo {
        private Object[] tasks = new Object[16];
        private long[] at = new long[16];
        private int head, n;

        boolean isEmpty() { return n == 0; }

        /** When the first task was put; the deque is not empty. */
        long firstAt() { return at[head]; }

        void addLast(Runnable task, long t) {
            if (n == tasks.length) grow();
            int i = (head + n) & (tasks.length - 1);
            tasks[i] = task;
            at[i] = t;
            n++;
        }

        /** Appends {@code src[0..n)}, all put at {@code t}. */
        void addAll(Object[] src, int n, long t) {
            while (this.n + n > tasks.length) grow();
            int cap = tasks.length, tailIndex = (head + this.n) & (cap - 1);
            int first = Math.min(n, cap - tailIndex); // up to the end of the ring, then from its start
            System.arraycopy(src, 0, tasks, tailIndex, first);
            System.arraycopy(src, first, tasks, 0, n - first);
            java.util.Arrays.fill(at, tailIndex, tailIndex + first, t);
            java.util.Arrays.fill(at, 0, n - first, t);
            this.n += n;
        }

        /** Moves the first {@code k} (at most the size) into {@code dst[0..k)}, in order. */
        void pollAll(Object[] dst, int k) {
            int cap = tasks.length;
            int first = Math.min(k, cap - head);
            System.arraycopy(tasks, head, dst, 0, first);
            System.arraycopy(tasks, 0, dst, first, k - first);
            java.util.Arrays.fill(tasks, head, head + first, null);
            java.util.Arrays.fill(tasks, 0, k - first, null);
            head = (head + k) & (cap - 1);
            n -= k;
        }

        Runnable pollFirst() {
            if (n == 0) return null;
            Runnable task = (Runnable) tasks[head];
            tasks[head] = null;
            head = (head + 1) & (tasks.length - 1);
            n--;
            return task;
        }

        private void grow() { // oldest first, into twice the room
            Object[] t2 = new Object[tasks.length * 2];
            long[] a2 = new long[t2.length];
            for (int k = 0; k < n; k++) {
                int i = (head + k) & (tasks.length - 1);
                t2[k] = tasks[i];
                a2[k] = at[i];
            }
            tasks = t2;
            at = a2;
            head = 0;
        }
    }
}
