package go4j.sync;

import go4j.runtime.Bubble;
import go4j.runtime.Sudog;
import go4j.runtime.WaitQueue;
import go4j.runtime.WaitReason;

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
    /** Parked waiters, FIFO (LIFO inserts at the head); guarded by {@code this}. */
    private final WaitQueue waiters = new WaitQueue();
    /** Where the primitive this queue serves was made, for leak reports; null when not recorded. Written before it is shared. */
    String site;
    /** The synctest bubble the primitive was made in, or null: waits of its goroutines here are durable. Immutable. */
    final Bubble bubble = Bubble.forNewPrimitive();

    /**
     * Takes a permit, parking with {@code reason} until one is released. {@code lifo} queues at
     * the head (a Mutex waiter that was woken and lost the race goes back to the front).
     */
    void acquire(WaitReason reason, boolean lifo) {
        Sudog sg;
        synchronized (this) {
            if (count > 0) {
                count--;
                return;
            }
            sg = new Sudog(reason, null, Bubble.waitIsDurable(bubble));
            if (lifo) waiters.pushFront(sg); else waiters.enqueue(sg);
        }
        sg.await(site);
    }

    /** Releases a permit: to the head waiter if there is one, else to the count. */
    void release() {
        Sudog sg;
        synchronized (this) {
            sg = waiters.dequeue();
            if (sg == null) {
                count++;
                return;
            }
        }
        sg.ready();
    }

    /** Test hook: the number of parked waiters. */
    synchronized int waiting() {
        return waiters.size();
    }
}
