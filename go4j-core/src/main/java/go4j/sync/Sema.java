package go4j.sync;

/**
 * A counting semaphore with a FIFO (optionally LIFO) queue of parked waiters: go4j's
 * counterpart of the runtime semaphore Go's sync package is built on ({@code semacquire} /
 * {@code semrelease}). It only counts and wakes; the primitives keep their own state and use it
 * to sleep when they must.
 *
 * <p>Invariant: {@code count > 0} implies the queue is empty. A release with waiters hands the
 * permit directly to the head waiter (it never goes back to {@code count}), so a woken waiter
 * has its permit and never has to retry.
 *
 * <p>The monitor of this object guards {@code count} and the queue; it is held only for a few
 * field writes and never while parking (JDK 24+ unmounts a virtual thread that blocks on it).
 */
final class Sema {
    /** Permits not yet taken; guarded by {@code this}. */
    private int count;
    /** FIFO queue of waiters; guarded by {@code this}. */
    private Waiter head, tail;
    /** Where the primitive this queue serves was made, for leak reports; null when not recorded. Written before it is shared. */
    String site;
    /** The synctest bubble the primitive was made in, or null: waits of its goroutines here are durable. Immutable. */
    final go4j.runtime.Bubble bubble = go4j.runtime.Bubble.forNewPrimitive();

    /**
     * Takes a permit, parking with {@code reason} until one is released. {@code lifo} queues at
     * the head (a Mutex waiter that was woken and lost the race goes back to the front).
     */
    void acquire(String reason, boolean lifo) {
        Waiter w;
        synchronized (this) {
            if (count > 0) {
                count--;
                return;
            }
            w = new Waiter(reason, bubble);
            if (head == null) {
                head = tail = w;
            } else if (lifo) {
                w.next = head;
                head.prev = w;
                head = w;
            } else {
                w.prev = tail;
                tail.next = w;
                tail = w;
            }
        }
        w.park(site);
    }

    /** Releases a permit: to the head waiter if there is one, else to the count. */
    void release() {
        Waiter w;
        synchronized (this) {
            w = head;
            if (w == null) {
                count++;
                return;
            }
            head = w.next;
            if (head == null) tail = null;
            else head.prev = null;
            w.next = null;
        }
        w.grant();
    }

    /** Test hook: the number of parked waiters. */
    synchronized int waiting() {
        int n = 0;
        for (Waiter w = head; w != null; w = w.next) n++;
        return n;
    }
}
