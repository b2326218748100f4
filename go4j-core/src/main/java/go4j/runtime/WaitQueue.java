package go4j.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A queue of blocked operations (Go's {@code waitq}): a doubly linked list of {@link Sudog}s,
 * FIFO, with a LIFO insert for a Mutex waiter that was woken and lost the race (Go's
 * {@code semacquire(lifo)}), and O(1) unlinking so a select can take its losing entries out.
 * Every go4j primitive that parks keeps its waiters in one: a channel's senders and receivers,
 * the sync package's semaphores, a Cond's list, a Semaphore's queue.
 *
 * <p>All methods run under the owner's lock, except {@link #lvEmpty}, the lock-free "is anyone
 * waiting" read that the channels' non-blocking fast paths use (the head is written with release
 * and read with acquire for that).
 */
public final class WaitQueue {
    /** Head (oldest) entry; written under the owner's lock (release), read lock-free by {@link #lvEmpty}. */
    private Sudog first;
    /** Tail (newest) entry. Guarded by the owner's lock. */
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
    public boolean lvEmpty() {
        return FIRST.getAcquire(this) == null;
    }

    private void soFirst(Sudog sg) {
        FIRST.setRelease(this, sg);
    }

    /** Appends {@code sg} at the tail. */
    public void enqueue(Sudog sg) {
        sg.next = null;
        sg.prev = last;
        sg.queued = true;
        if (last == null) soFirst(sg); else last.next = sg;
        last = sg;
        size++;
    }

    /** Inserts {@code sg} at the head: it is served next. */
    public void pushFront(Sudog sg) {
        sg.prev = null;
        sg.next = first;
        sg.queued = true;
        if (first == null) last = sg; else first.prev = sg;
        soFirst(sg);
        size++;
    }

    /**
     * Removes and returns the oldest entry whose waiter this call could claim, or null. Entries of
     * selects that another case already won are dropped on the way (their owner is about to
     * unlink them anyway). The caller owns the returned sudog: it writes the results and then
     * calls {@code sg.waiter.ready()}.
     */
    public Sudog dequeue() {
        for (Sudog sg = first; sg != null; sg = first) {
            unlink(sg);
            if (sg.waiter.claim(sg)) return sg;
        }
        return null;
    }

    /** The oldest entry, left in place; null when empty. For queues of plain operations only (no claims). */
    public Sudog peek() {
        return first;
    }

    /** Removes and returns the oldest entry whose {@link Sudog.Numbered#value} is {@code value}, or null (a Cond's ticket). For queues of numbered entries only. */
    public Sudog dequeueValue(long value) {
        for (Sudog sg = first; sg != null; sg = sg.next) {
            if (((Sudog.Numbered) sg).value == value) {
                unlink(sg);
                return sg;
            }
        }
        return null;
    }

    /** Unlinks {@code sg} if it is still queued here (a select removing its losing entries, a waiter giving up). */
    public void remove(Sudog sg) {
        if (sg.queued) unlink(sg);
    }

    /** Whether {@code sg} is on a queue (it has not been dequeued). */
    public static boolean queued(Sudog sg) {
        return sg.queued;
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
    public boolean hasLive() {
        for (Sudog sg = first; sg != null; sg = sg.next) if (sg.waiter.winner() == null) return true;
        return false;
    }

    /** Number of queued entries. */
    public int size() {
        return size;
    }
}
