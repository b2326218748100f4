package go4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A channel's FIFO of blocked senders or of blocked receivers (Go's {@code waitq}): a doubly
 * linked list of {@link Sudog}s, so that a select can unlink its losing entries in O(1).
 *
 * <p>All methods run under the owning channel's lock, except {@link #lvEmpty}, the lock-free
 * "is anyone waiting" read that the non-blocking fast paths use (the head is written with release
 * and read with acquire for that).
 */
final class WaitQueue {
    /** Head (oldest) entry; written under the channel lock (release), read lock-free by {@link #lvEmpty}. */
    private Sudog first;
    /** Tail (newest) entry. Guarded by the channel lock. */
    private Sudog last;
    /** Number of entries, including not yet removed entries of selects that already fired. Guarded. */
    private int size;

    private static final VarHandle FIRST;
    static {
        try {
            FIRST = MethodHandles.lookup().findVarHandle(WaitQueue.class, "first", Sudog.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Lock-free: true when no sudog is queued. A snapshot; may be stale by the time it is used. */
    boolean lvEmpty() {
        return FIRST.getAcquire(this) == null;
    }

    private void soFirst(Sudog sg) {
        FIRST.setRelease(this, sg);
    }

    /** Appends {@code sg} at the tail. */
    void enqueue(Sudog sg) {
        sg.next = null;
        sg.prev = last;
        sg.queued = true;
        if (last == null) soFirst(sg); else last.next = sg;
        last = sg;
        size++;
    }

    /**
     * Removes and returns the oldest entry whose waiter this call could claim, or null. Entries of
     * selects that another case already won are dropped on the way (their owner is about to
     * unlink them anyway). The caller owns the returned sudog: it writes the results and then
     * calls {@code sg.waiter.ready()}.
     */
    Sudog dequeue() {
        for (Sudog sg = first; sg != null; sg = first) {
            unlink(sg);
            if (sg.waiter.claim(sg)) return sg;
        }
        return null;
    }

    /** Unlinks {@code sg} if it is still queued here (a select removing its losing entries). */
    void remove(Sudog sg) {
        if (sg.queued) unlink(sg);
    }

    private void unlink(Sudog sg) {
        Sudog p = sg.prev, n = sg.next;
        if (p == null) soFirst(n); else p.next = n;
        if (n == null) last = p; else n.prev = p;
        sg.prev = sg.next = null;
        sg.queued = false;
        size--;
    }

    /** True when some queued entry's waiter is still unclaimed (invariant checks). */
    boolean hasLive() {
        for (Sudog sg = first; sg != null; sg = sg.next) if (sg.waiter.winner() == null) return true;
        return false;
    }

    /** Number of queued entries (test hook and invariant checks). */
    int size() {
        return size;
    }
}
