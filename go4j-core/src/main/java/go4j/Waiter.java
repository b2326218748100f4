package go4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import go4j.runtime.Park;
import java.util.concurrent.locks.LockSupport;

/**
 * One blocked channel operation or select: the parked thread's side of the rendezvous (the part
 * of Go's {@code g} that chan.go and select.go use: {@code selectDone}, {@code param}, the wait
 * reason). Each blocking operation makes a fresh Waiter and one {@link Sudog} per channel it
 * waits on; all of them point here.
 *
 * <p>Protocol. A partner (a sender, receiver or closer holding the lock of a channel on whose
 * queue one of our sudogs sits) first <em>claims</em> the waiter by CAS of {@link #winner} from
 * {@code null} to its sudog; only one partner can, so a select fires exactly one case. The
 * claimer then writes the sudog's result fields and calls {@link #ready}, which publishes
 * {@link #done} (release) and unparks {@link #thread}. The owner parks until it reads
 * {@code done == true} (acquire), then reads the winning sudog's fields.
 *
 * <p>Invariants: {@code winner} changes at most once, from {@code null}; {@code done} becomes
 * true only after {@code winner} is set and the winner's result fields are written. A waiter
 * holds no reference to any channel, so a goroutine blocked forever keeps neither its channel nor
 * its peers alive through it.
 *
 * <p>The waiter is also the park blocker ({@code LockSupport.getBlocker(thread)}): its
 * {@link #toString()} is the Go wait reason ("chan receive", "chan send", "select",
 * "select (no cases)"), which is what a goroutine dump prints.
 */
final class Waiter {
    static final String CHAN_RECEIVE = "chan receive";
    static final String CHAN_SEND = "chan send";
    static final String SELECT = "select";
    static final String SELECT_NO_CASES = "select (no cases)";

    /** The parked thread (goroutine or platform thread). Immutable. */
    final Thread thread;
    /** Go's wait reason, for dumps. Immutable. */
    final String waitReason;
    /** The sudog whose partner claimed this waiter; set once by CAS, under that sudog's channel lock. */
    private volatile Sudog winner;
    /** Set (release) by the claimer after writing the winner's results; read (acquire) by the owner. */
    private volatile boolean done;

    private static final VarHandle WINNER;
    static {
        try {
            WINNER = MethodHandles.lookup().findVarHandle(Waiter.class, "winner", Sudog.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    Waiter(String waitReason) {
        this.thread = Thread.currentThread();
        this.waitReason = waitReason;
    }

    /** Claims this waiter for {@code sg}; false when another sudog (another select case) already won. */
    boolean claim(Sudog sg) {
        return WINNER.compareAndSet(this, (Sudog) null, sg);
    }

    /** The claimed sudog, or null while nobody has claimed this waiter. */
    Sudog winner() {
        return winner;
    }

    /**
     * Wakes the owner after its winning sudog's results are written. Called by the claimer, best
     * after releasing the channel lock (unpark never blocks, so holding it is merely slower).
     */
    void ready() {
        done = true;
        LockSupport.unpark(thread);
    }

    /**
     * Parks the owner until {@link #ready}. Interrupts do not end the wait (Go has none): the
     * interrupt status is cleared while waiting, so park does not spin, and set again before
     * returning. A waiter that nobody ever readies (a select on nil channels only) parks forever.
     *
     * @param site where the channel (for a select, the channels) waited on was made, for leak
     *     reports; null if not recorded
     */
    void await(String site) {
        boolean interrupted = false;
        Park.waiting(waitReason, site);
        while (!done) {
            LockSupport.park(this);
            if (thread.isInterrupted() && Thread.interrupted()) interrupted = true; // a read first: clearing takes a lock on a virtual thread
        }
        Park.running();
        if (interrupted) thread.interrupt();
    }

    /** The wait reason, so that dumps that print the park blocker print Go's wording. */
    @Override
    public String toString() {
        return waitReason;
    }
}
