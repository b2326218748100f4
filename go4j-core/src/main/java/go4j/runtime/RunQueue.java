package go4j.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A P's local run queue: a bounded single-producer, multi-consumer ring (Go's {@code p.runq}).
 *
 * <p>Only the M that holds the P puts ({@link #offer}); that M and any stealer take, by CAS on
 * {@code head}. A stealer copies up to half the queue and then claims the copied slots with one
 * CAS, so it never takes a task the owner has already taken; if the CAS fails it starts over.
 *
 * <p>Invariants: {@code 0 <= tail - head <= capacity}; slots in {@code [head, tail)} hold tasks;
 * a taken slot is cleared by whoever took it, so a finished goroutine is not kept reachable by a
 * stale slot. The owner clears with a plain store: only it fills slots, so it cannot be clearing
 * one it has refilled. A stealer clears by CAS from the task to null, which fails harmlessly if
 * the owner has already reused the slot. Likewise a taker whose claim fails clears what it copied
 * into its batch.
 *
 * <p>The ring and every batch are {@code Object[]}, though they hold only tasks. A store into a
 * {@code Runnable[]} is type-checked, and in a spawning program C2 deoptimised every method that
 * stores into a queue on that check ({@code array_check} in {@code -Xlog:deoptimization}) and
 * compiled it again, several times over the first seconds. A store into an {@code Object[]} is
 * not checked; a task is cast once, as it is taken.
 */
final class RunQueue {
    /** Go's runq size. Tests may pass a smaller power of two to reach the overflow paths. */
    static final int DEFAULT_CAPACITY = 256;

    private static final VarHandle HEAD, TAIL, SLOT;
    static {
        try {
            var l = MethodHandles.lookup();
            HEAD = l.findVarHandle(RunQueue.class, "head", int.class);
            TAIL = l.findVarHandle(RunQueue.class, "tail", int.class);
            SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] ring; // slots; written by the owner before its release store of tail
    private final int mask;
    @SuppressWarnings("unused") private volatile int head; // next slot to take; CAS by owner and stealers
    @SuppressWarnings("unused") private volatile int tail; // next slot to fill; written by the owner only (release)

    RunQueue(int capacity) {
        if (Integer.bitCount(capacity) != 1) throw new IllegalArgumentException("capacity must be a power of two");
        ring = new Object[capacity];
        mask = capacity - 1;
    }

    int capacity() { return ring.length; }

    private int lvHead() { return (int) HEAD.getAcquire(this); }
    private int lvTail() { return (int) TAIL.getAcquire(this); }
    private int lpTail() { return (int) TAIL.get(this); }  // owner's own field: plain is enough
    private void soTail(int t) { TAIL.setRelease(this, t); }
    private boolean casHead(int expect, int update) { return HEAD.compareAndSet(this, expect, update); }
    /** Any thread: empties a slot it took, unless the owner has refilled it since. */
    private void clear(int index, Object taken) { SLOT.compareAndSet(ring, index & mask, taken, null); }
    /** Owner only: empties a slot it took (no one else fills slots). */
    private void ownerClear(int index) { ring[index & mask] = null; }

    /** Owner only. Appends {@code task}; false when the ring is full. */
    boolean offer(Runnable task) {
        int h = lvHead(); // LoadLoad: a concurrent take can only make more room
        int t = lpTail();
        if (t - h >= ring.length) return false;
        ring[t & mask] = task;
        soTail(t + 1); // StoreStore: the slot is visible before the new tail
        return true;
    }

    /**
     * Owner only. Appends {@code batch[from..from+n)} with one publication of the new tail; false
     * (and nothing appended) when they do not all fit.
     */
    boolean offerAll(Object[] batch, int from, int n) {
        int h = lvHead();
        int t = lpTail();
        if (t - h + n > ring.length) return false;
        for (int i = 0; i < n; i++) ring[(t + i) & mask] = batch[from + i];
        soTail(t + n); // StoreStore: the slots are visible before the new tail
        return true;
    }

    /** Owner only. Takes the oldest task, or null when empty. */
    Runnable poll() {
        while (true) {
            int h = lvHead();
            int t = lpTail();
            if (t == h) return null;
            Runnable task = (Runnable) ring[h & mask];
            if (casHead(h, h + 1)) {
                ownerClear(h);
                return task;
            }
        }
    }

    /**
     * Owner only, when the ring is full: takes the older half into {@code batch} (Go's runqputslow)
     * so that the caller can move it to the global queue. Returns how many were taken, or 0 when a
     * concurrent steal made room and the caller should simply offer again.
     */
    int drainHalf(Object[] batch) {
        int h = lvHead();
        int t = lpTail();
        int n = (t - h) / 2;
        if (n != ring.length / 2) return 0;
        for (int i = 0; i < n; i++) batch[i] = ring[(h + i) & mask];
        if (!casHead(h, h + n)) {
            forget(batch, n);
            return 0;
        }
        for (int i = 0; i < n; i++) ownerClear(h + i);
        return n;
    }

    /**
     * Any thread: takes up to half the queue, rounded up (Go's runqgrab), into {@code batch}
     * starting at index 0. Returns the count taken.
     */
    int grabHalf(Object[] batch) {
        while (true) {
            int h = lvHead();
            int t = lvTail(); // LoadLoad: the slots below tail are published
            int n = t - h;
            n = n - n / 2;
            if (n <= 0) return 0;
            if (n > ring.length / 2) continue; // read head and tail at different times; retry
            for (int i = 0; i < n; i++) batch[i] = ring[(h + i) & mask];
            if (casHead(h, h + n)) {
                for (int i = 0; i < n; i++) clear(h + i, batch[i]);
                return n;
            }
            forget(batch, n);
        }
    }

    /** Any thread: takes everything (used when a P is retired). */
    int drainAll(Object[] batch) {
        while (true) {
            int h = lvHead();
            int t = lvTail();
            int n = t - h;
            if (n <= 0) return 0;
            if (n > ring.length) continue;
            for (int i = 0; i < n; i++) batch[i] = ring[(h + i) & mask];
            if (casHead(h, h + n)) {
                for (int i = 0; i < n; i++) clear(h + i, batch[i]);
                return n;
            }
            forget(batch, n);
        }
    }

    /**
     * The claim of the first n copies in batch failed: someone else took those tasks. Batches
     * are long-lived (an M's), so a copy left there would keep a goroutine reachable after it
     * blocks for good, and the leak detector would never see it go.
     */
    private static void forget(Object[] batch, int n) {
        java.util.Arrays.fill(batch, 0, n, null);
    }

    /** Any thread: a racy size, exact when the queue is quiescent. */
    int size() {
        int n = lvTail() - lvHead();
        return Math.max(0, Math.min(n, ring.length));
    }

    boolean isEmpty() { return lvTail() == lvHead(); }
}
