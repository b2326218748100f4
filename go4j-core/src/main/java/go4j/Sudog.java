package go4j;

/**
 * A waiter's entry in one channel's send or receive queue (Go's {@code sudog}). A blocked send or
 * receive has one, which is also its {@link Waiter} ({@code waiter == this}: one object per
 * blocking operation); a blocked select has one per non-nil case, all pointing at the select's
 * shared {@link SelectWaiter} (their own waiter part goes unused).
 *
 * <p>Every field except the immutable ones is guarded by the lock of the channel whose queue the
 * sudog sits on, or owned by the claimer once it dequeued the sudog and claimed its waiter (see
 * {@link WaitQueue#dequeue}; the sudog has then left its queue, so no one else can reach it). The
 * owner reads the result fields only after {@link Waiter#await} returned, which orders them (the
 * claimer's {@code ready} is a volatile store, the owner's read of {@code done} an acquire).
 *
 * <p>A sudog holds no reference to its channel (see {@link Waiter}).
 */
final class Sudog extends Waiter {
    /** The blocked operation this entry belongs to: this sudog itself, or a select's waiter. Immutable. */
    final Waiter waiter;
    /**
     * For a sender: the value to send (set before enqueueing, read by the receiver that claims).
     * For a receiver: the value received, written by the claiming sender; null when woken by close.
     */
    Object elem;
    /** True when the operation completed by a communication, false when woken by close. Result field. */
    boolean success;
    /** Queue links; {@code queued} says whether the sudog is on a queue now. Guarded by the channel lock. */
    Sudog prev, next;
    boolean queued;

    /** The entry of a plain send ({@code elem} = its value) or receive ({@code elem} = null): its own waiter. */
    Sudog(String waitReason, Object elem) {
        super(waitReason);
        this.waiter = this;
        this.elem = elem;
    }

    /** The entry of one case of the select waiting as {@code waiter}. */
    Sudog(SelectWaiter waiter, Object elem) {
        super(waiter.waitReason);
        this.waiter = waiter;
        this.elem = elem;
    }
}
