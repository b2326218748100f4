package go4j.sync;

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
    /** Parked waiters, in the order they parked (not always ticket order); guarded by {@code this}. */
    private Waiter head, tail;
    /** Where the primitive this queue serves was made, for leak reports; null when not recorded. Written before it is shared. */
    String site;
    /** The synctest bubble the primitive was made in, or null: waits of its goroutines here are durable. Immutable. */
    final go4j.runtime.Bubble bubble = go4j.runtime.Bubble.forNewPrimitive();

    /** Takes a ticket. */
    synchronized int add() {
        return wait++;
    }

    /** Parks until ticket {@code t} has been notified. */
    void await(int t, String reason) {
        Waiter w;
        synchronized (this) {
            if (t - notify < 0) return; // already notified
            w = new Waiter(reason, bubble);
            w.value = t;
            if (tail == null) {
                head = tail = w;
            } else {
                w.prev = tail;
                tail.next = w;
                tail = w;
            }
        }
        w.park(site);
    }

    /** Wakes the waiter holding the oldest unnotified ticket, if any. */
    void wakeOne() {
        Waiter found = null;
        synchronized (this) {
            if (wait == notify) return; // nobody waiting
            int t = notify++;
            for (Waiter w = head; w != null; w = w.next) {
                if ((int) w.value == t) {
                    unlink(w);
                    found = w;
                    break;
                }
            }
            // Not found: the waiter took its ticket but has not parked yet; it will see its
            // ticket passed and not park.
        }
        if (found != null) found.grant();
    }

    /** Wakes every waiter holding a ticket. */
    void wakeAll() {
        Waiter w;
        synchronized (this) {
            if (wait == notify) return;
            notify = wait;
            w = head;
            head = tail = null;
        }
        while (w != null) {
            Waiter next = w.next;
            w.next = w.prev = null;
            w.grant();
            w = next;
        }
    }

    private void unlink(Waiter w) {
        if (w.prev == null) head = w.next;
        else w.prev.next = w.next;
        if (w.next == null) tail = w.prev;
        else w.next.prev = w.prev;
        w.prev = w.next = null;
    }

    /** Test hook: parked waiters. */
    synchronized int parked() {
        int n = 0;
        for (Waiter w = head; w != null; w = w.next) n++;
        return n;
    }
}
