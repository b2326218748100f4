package go4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import go4j.runtime.Park;
import java.util.concurrent.locks.LockSupport;

/**
 * One blocked channel operation or select: the parked thread's side of the rendezvous (the part
 * of Go's {@code g} that chan.go and select.go use: {@code selectDone}, {@code param}, the wait
 * reason). A blocked send or receive is one object, a {@link Sudog} that is its own waiter; a
 * blocked select makes a fresh {@link SelectWaiter} and one {@link Sudog} per channel it waits
 * on, all pointing there.
 *
 * <p>Protocol. A partner (a sender, receiver or closer holding the lock of a channel on whose
 * queue one of our sudogs sits) first <em>claims</em> the waiter ({@link #claim}): it dequeues the
 * sudog and, for a select, wins a CAS of the select's winner from {@code null} to that sudog;
 * only one partner can, so a select fires exactly one case. (A plain operation's sudog sits on one
 * queue only, so dequeuing it under that channel's lock is the claim.) The claimer
 * then writes the sudog's result fields and calls {@link #ready}, which publishes {@link #done}
 * (a volatile store) and unparks {@link #thread}. The owner parks until it reads {@code done == true}
 * (acquire), then reads the winning sudog's fields.
 *
 * <p>Invariants: a select's winner changes at most once, from {@code null}; {@code done} becomes
 * true only after the waiter is claimed and the winner's result fields are written. A waiter
 * holds no reference to any channel, so a goroutine blocked forever keeps neither its channel nor
 * its peers alive through it.
 *
 * <p>The waiter is also the park blocker ({@code LockSupport.getBlocker(thread)}): its
 * {@link #toString()} is the Go wait reason ("chan receive", "chan send", "select",
 * "select (no cases)", "chan send (nil chan)", "chan receive (nil chan)"), which is what a goroutine dump prints.
 */
class Waiter { // not final: a plain operation's Sudog is its own waiter; a select's is a SelectWaiter
    static final String CHAN_RECEIVE = "chan receive";
    static final String CHAN_SEND = "chan send";
    static final String SELECT = "select";
    static final String SELECT_NO_CASES = "select (no cases)";
    static final String CHAN_SEND_NIL = "chan send (nil chan)";
    static final String CHAN_RECEIVE_NIL = "chan receive (nil chan)";
    /** The same waits when durable in a synctest bubble (Go's wording). */
    static final String CHAN_RECEIVE_DURABLE = "chan receive (durable)";
    static final String CHAN_SEND_DURABLE = "chan send (durable)";
    static final String SELECT_DURABLE = "select (durable)";

    /** The parked thread (goroutine or platform thread). Immutable. */
    final Thread thread;
    /** Go's wait reason, for dumps. Immutable. */
    final String waitReason;
    /**
     * Set by the claimer after writing the winner's results (a volatile store); read (acquire) by
     * the owner. The store must be a full fence, not a release: when the owner's park permit is
     * already set (a stray unpark, from the channel lock say), the JDK's unpark returns without an
     * atomic operation, so a release store could still sit in the claimer's store buffer when the
     * owner, woken by that stray permit, checks once more and parks for good (a lost wake-up that
     * a producer-consumer stress test hit within seconds).
     */
    private boolean done;
    /**
     * Whether this wait is durable in the owner's synctest bubble (every channel waited on belongs
     * to it): the owner counts its block, the claimer the wake (see {@code runtime.Bubble}).
     * Written by the owner before the waiter is queued, then read only.
     */
    boolean durable;

    private static final VarHandle DONE;
    static {
        try {
            DONE = MethodHandles.lookup().findVarHandle(Waiter.class, "done", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    Waiter(String waitReason) {
        this.thread = Thread.currentThread();
        this.waitReason = waitReason;
    }

    /**
     * Claims this waiter for {@code sg}, which the caller just dequeued under its channel's lock;
     * false when another entry of the same select already won. A plain operation's waiter has that
     * one entry on one queue, so dequeuing it was the claim: always true here ({@link SelectWaiter}
     * overrides it).
     */
    boolean claim(Sudog sg) {
        return true;
    }

    /** A select's claimed sudog, or null while nobody has claimed it; null for a plain operation. */
    Sudog winner() {
        return null;
    }

    /**
     * Wakes the owner after its winning sudog's results are written. Called by the claimer, best
     * after releasing the channel lock (unpark never blocks, so holding it is merely slower).
     */
    void ready() {
        if (durable) Park.readiedDurably(thread); // before the owner can run: counted at the wake
        DONE.setVolatile(this, true);
        LockSupport.unpark(thread);
    }

    /**
     * Parks the owner until {@link #ready}. Interrupts do not end the wait (Go has none): the
     * interrupt status is cleared while waiting, so park does not spin, and set again before
     * returning. A waiter that nobody ever readies (a select on nil channels only) parks forever.
     *
     * <p>A plain send or receive runs these same steps inline ({@link #beginWait}, park until
     * {@link #isDone}, {@link #endWait}), so that its goroutine parks one frame shallower: every
     * frame of a parked virtual thread is copied into its heap stack chunk.
     *
     * @param site where the channel (for a select, the channels) waited on was made, for leak
     *     reports; null if not recorded
     */
    void await(String site) {
        beginWait(site);
        boolean interrupted = false;
        while (!isDone()) {
            LockSupport.park(this);
            interrupted |= clearInterrupt();
        }
        endWait(interrupted);
    }

    /** The owner is about to park: records the wait reason and {@code site} (see {@link #await}). */
    void beginWait(String site) {
        if (durable) Park.waitingDurably(waitReason, site);
        else Park.waiting(waitReason, site);
    }

    /** True once {@link #ready} ran (acquire: the winner's result fields are then visible). */
    boolean isDone() {
        return (boolean) DONE.getAcquire(this);
    }

    /** After a park: clears the owner's interrupt status and returns whether it was set. */
    boolean clearInterrupt() {
        return thread.isInterrupted() && Thread.interrupted(); // a read first: clearing takes a lock on a virtual thread
    }

    /** The wait is over: clears the wait reason and restores an interrupt that came meanwhile. */
    void endWait(boolean interrupted) {
        Park.running();
        if (interrupted) thread.interrupt();
    }

    /** The wait reason, so that dumps that print the park blocker print Go's wording. */
    @Override
    public String toString() {
        return waitReason;
    }
}
