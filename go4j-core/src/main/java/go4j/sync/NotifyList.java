package go4j.sync;

import go4j.runtime.Bubble;
import go4j.runtime.Sudog;
import go4j.runtime.WaitQueue;
import go4j.runtime.WaitReason;

/**
 * A ticket-based FIFO list of waiters: what {@link Cond} waits on (Go's runtime notifyList).
 *
 * <p>A waiter first takes a ticket with {@link #add()} (while still holding the Cond's lock, so
 * tickets are handed out in the order goroutines decided to wait), then, after unlocking, parks
 * in {@link #await(int)}. {@code notify} is the next ticket to be woken; {@link #wakeOne()}
 * wakes exactly that ticket, so signals wake waiters in ticket order even when a waiter has not
 * parked yet (it then finds its ticket already passed and does not park at all).
 *
 * <p>Invariants: {@code notify} never passes {@code wait}; every queued waiter has a ticket in
 * [notify, wait). Tickets are compared by wrapping subtraction.
 */
final class NotifyList {
    /** The next ticket to hand out; guarded by {@code this}. */
    private int wait;
    /** The next ticket to notify; guarded by {@code this}. */
    private int notify;
    /** Parked waiters, each with its ticket in {@code value}, in the order they parked (not always ticket order); guarded by {@code this}. */
    private final WaitQueue waiters = new WaitQueue();
    /** Where the primitive this queue serves was made, for leak reports; null when not recorded. Written before it is shared. */
    String site;
    /** The synctest bubble the primitive was made in, or null: waits of its goroutines here are durable. Immutable. */
    final Bubble bubble = Bubble.forNewPrimitive();

    /** Takes a ticket. */
    synchronized int add() {
        return wait++;
    }

    /** Parks until ticket {@code t} has been notified. */
    void await(int t, WaitReason reason) {
        Sudog sg;
        synchronized (this) {
            if (t - notify < 0) return; // already notified
            sg = new Sudog.Numbered(reason, Bubble.waitIsDurable(bubble), t);
            waiters.enqueue(sg);
        }
        sg.await(site);
    }

    /** Wakes the waiter holding the oldest unnotified ticket, if any. */
    void wakeOne() {
        Sudog found;
        synchronized (this) {
            if (wait == notify) return; // nobody waiting
            int t = notify++;
            // Not found: the waiter took its ticket but has not parked yet; it will see its
            // ticket passed and not park.
            found = waiters.dequeueValue(t);
        }
        if (found != null) found.ready();
    }

    /** Wakes every waiter holding a ticket. */
    void wakeAll() {
        Sudog ready = null, last = null; // in queue order, chained through waitlink, readied after unlocking
        synchronized (this) {
            if (wait == notify) return;
            notify = wait;
            for (Sudog sg; (sg = waiters.dequeue()) != null; last = sg) {
                if (last == null) ready = sg; else last.waitlink(sg);
            }
        }
        while (ready != null) {
            Sudog next = ready.waitlink();
            ready.waitlink(null);
            ready.ready();
            ready = next;
        }
    }

    /** Test hook: parked waiters. */
    synchronized int parked() {
        return waiters.size();
    }
}
