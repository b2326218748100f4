package go4j.runtime;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One blocked operation's entry in one {@link WaitQueue} (Go's {@code sudog}), and the park
 * protocol every go4j primitive blocks with: channels, select, the sync package, semaphores.
 *
 * <p>A blocked send, receive, lock or semaphore acquire is one object, a sudog that is its own
 * {@link #waiter}. A blocked select makes one {@link SelectWaiter} (a sudog that sits on no queue)
 * and one sudog per channel it waits on, all pointing there.
 *
 * <p>Protocol. A partner (a sender, receiver, closer, unlocker or releaser holding the lock of the
 * queue the sudog sits on) first <em>claims</em> it: it dequeues the sudog and, for a select,
 * wins a CAS of the select's winner from {@code null} to that sudog ({@link #claim}); only one
 * partner can, so a select fires exactly one case. The claimer then writes the result fields
 * ({@link #elem}, {@link #success}) and calls {@link #ready} on the waiter, which publishes
 * {@code done} and unparks {@link #thread}. The owner parks until it reads {@code done == true}
 * (acquire), then reads the winning sudog's fields.
 *
 * <p>Invariants: a select's winner changes at most once, from {@code null}; {@code done} becomes
 * true only after the waiter is claimed and the winner's result fields are written. A sudog holds
 * no reference to its primitive, so a goroutine blocked forever keeps neither the primitive nor
 * its peers alive through it (what leak detection needs).
 *
 * <p>The waiter is also the park blocker ({@code LockSupport.getBlocker(thread)}): its
 * {@link #toString()} is Go's wait reason, which is what a goroutine dump prints.
 */
public class Sudog implements BooleanSupplier { // not final: a select's shared waiter is a SelectWaiter
    /** The parked thread (goroutine or platform thread). Immutable. */
    public final Thread thread;
    /** Why it waits. Immutable. */
    public final WaitReason reason;
    /** The blocked operation this entry belongs to: this sudog itself, or a select's waiter. Immutable. */
    public final Sudog waiter;
    /**
     * Whether this wait is durable in the owner's synctest bubble (every primitive waited on
     * belongs to it): the owner counts its block, the claimer the wake (see {@link Bubble}).
     * Immutable.
     */
    public final boolean durable;
    /**
     * For a sender: the value to send (set before enqueueing, read by the receiver that claims).
     * For a receiver: the value received, written by the claimer; null when woken by close.
     */
    public Object elem;
    /** True when the operation completed by a communication, false when woken by close. Result field. */
    public boolean success;
    /**
     * {@link WaitQueue} links; {@code queued} says whether the sudog is on a queue now. Guarded by
     * that queue's lock. Once dequeued, {@code next} is free, and serves as Go's {@code waitlink}
     * (see {@link #waitlink()}): one field less in every sudog (40 bytes, not 48).
     */
    Sudog prev, next;
    boolean queued;
    /**
     * Set by the claimer after writing the winner's results; read by the owner. Volatile, and the
     * store must stay a full fence, not a release: when the owner's park permit is already set (a
     * stray unpark, from a lock say), the JDK's unpark returns without an atomic operation, so a
     * release store could still sit in the claimer's store buffer when the owner, woken by that
     * stray permit, checks once more and parks for good (a lost wake-up that a producer-consumer
     * stress test hit within seconds).
     */
    private volatile boolean done;

    /** The entry of a plain blocking operation (its own waiter), for the calling thread. */
    public Sudog(WaitReason reason, Object elem, boolean durable) {
        this.thread = Thread.currentThread();
        this.reason = reason;
        this.waiter = this;
        this.elem = elem;
        this.durable = durable;
    }

    /** The entry of one case of the select waiting as {@code select}. */
    public Sudog(SelectWaiter select, Object elem) {
        this.thread = select.thread;
        this.reason = select.reason;
        this.waiter = select;
        this.elem = elem;
        this.durable = select.durable;
    }

    /**
     * Claims this waiter for {@code sg}, which the caller just dequeued under its queue's lock;
     * false when another entry of the same select already won. A plain operation's sudog sits on
     * one queue only, so dequeuing it was the claim: always true here.
     */
    public boolean claim(Sudog sg) {
        return true;
    }

    /** A select's claimed sudog, or null while nobody has claimed it; null for a plain operation. */
    public Sudog winner() {
        return null;
    }

    /**
     * Wakes the owner after its winning sudog's results are written (Go's goready). Called by the
     * claimer, best after releasing its lock (unpark never blocks, so holding it is merely slower).
     */
    public final void ready() {
        if (durable) Park.readiedDurably(thread); // before the owner can run: counted at the wake
        done = true;
        LockSupport.unpark(thread);
    }

    /**
     * Parks the owner until {@link #ready} (Go's gopark). Interrupts do not end the wait (Go has
     * none): the interrupt status is cleared while waiting, so park does not spin, and set again
     * before returning. A waiter that nobody ever readies parks forever.
     *
     * <p>Channels run these same steps inline ({@link #beginWait}, park until {@link #isDone},
     * {@link #endWait}), so that their goroutine parks one frame shallower: every frame of a
     * parked virtual thread is copied into its heap stack chunk.
     *
     * @param site where the primitive (for a select, the channels) waited on was made, for leak
     *     reports; null if not recorded
     */
    public final void await(String site) {
        await(site, null);
    }

    /**
     * {@link #await(String)}, ending early once {@code giveUp} is true (a context done, say);
     * returns whether the wait ended by {@link #ready}. {@code giveUp} is asked after each
     * wake-up, so whatever makes it true must also unpark the owner.
     */
    public final boolean await(String site, java.util.function.BooleanSupplier giveUp) {
        beginWait(site);
        boolean interrupted = false;
        while (!isDone() && (giveUp == null || !giveUp.getAsBoolean())) {
            LockSupport.park(this);
            interrupted |= clearInterrupt();
        }
        endWait(interrupted);
        return isDone();
    }

    /** The owner is about to park: records the wait reason and {@code site} (see {@link #await}). */
    public final void beginWait(String site) {
        Park.waiting(reason, site, durable, this);
    }

    /** True once {@link #ready} ran (the winner's result fields are then visible). */
    public final boolean isDone() {
        return done;
    }

    /** {@link #isDone}: the probe by which Go's deadlock check sees a main thread readied but not yet run ({@link Checkdead}). */
    @Override
    public final boolean getAsBoolean() {
        return done;
    }

    /** After a park: clears the owner's interrupt status and returns whether it was set. */
    public final boolean clearInterrupt() {
        return thread.isInterrupted() && Thread.interrupted(); // a read first: clearing takes a lock on a virtual thread
    }

    /** The wait is over: clears the wait reason and restores an interrupt that came meanwhile. */
    public final void endWait(boolean interrupted) {
        Park.running();
        if (interrupted) thread.interrupt();
    }

    /**
     * Parks the calling thread forever (Go's {@code select {}}, a nil channel, a semaphore acquire
     * that can never be granted): nothing can ready it, interrupts and spurious wake-ups park
     * again. Never returns.
     */
    public static void parkForever(WaitReason reason, String site, boolean durable) {
        Sudog sg = new Sudog(reason, null, durable); // on no queue: nobody can ever ready it
        sg.beginWait(site);
        while (true) {
            LockSupport.park(sg);
            Thread.interrupted(); // an interrupt cannot end it; do not spin on it either
        }
    }

    /**
     * The entry of a waiter that keeps a number with it: a Semaphore's weight, a Cond's ticket. A
     * subclass, so that the sudogs of channels and locks, the ones a parked goroutine usually has,
     * do without the field (48 bytes instead of 56).
     */
    public static final class Numbered extends Sudog {
        /** The number. Written before the sudog is queued; read under the queue's lock. */
        public long value;

        /** The entry of a plain blocking operation keeping {@code value}, for the calling thread. */
        public Numbered(WaitReason reason, boolean durable, long value) {
            super(reason, null, durable);
            this.value = value;
        }
    }

    /**
     * The next sudog of a chain of claimed ones that their claimer readies after releasing its
     * lock (Go's {@code waitlink}). Owned by the claimer; kept in {@code next}, which a dequeued
     * sudog no longer uses.
     */
    public final Sudog waitlink() {
        assert !queued : "waitlink of a queued sudog";
        return next;
    }

    /** Links {@code sg} after this dequeued sudog in its claimer's chain (see {@link #waitlink()}). */
    public final void waitlink(Sudog sg) {
        assert !queued : "waitlink of a queued sudog";
        next = sg;
    }

    /** Go's wait reason, so that dumps that print the park blocker print Go's wording. */
    @Override
    public String toString() {
        return reason.words(durable);
    }
}
