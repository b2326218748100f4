package go4j.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The waiter of a blocked select (Go's {@code g.selectDone}): one per select, shared by the
 * {@link Sudog}s of all its cases and on no queue itself, so a partner must win {@link #winner}
 * by CAS before it may complete a case (see the protocol in {@link Sudog}). That makes exactly
 * one case fire.
 *
 * <p>Invariant: {@code winner} changes at most once, from {@code null}, under the lock of the
 * channel whose queue held the winning sudog.
 */
public final class SelectWaiter extends Sudog {
    /** The sudog whose partner claimed this select; set once by CAS, under that sudog's channel lock. */
    private volatile Sudog winner;

    private static final VarHandle WINNER;
    static {
        try {
            WINNER = MethodHandles.lookup().findVarHandle(SelectWaiter.class, "winner", Sudog.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The waiter of a select by the calling thread; {@code durable} when every channel is of its synctest bubble. */
    public SelectWaiter(boolean durable) {
        super(WaitReason.SELECT, null, durable);
    }

    /** Claims this select for {@code sg}; false when another case's sudog already won. */
    @Override
    public boolean claim(Sudog sg) {
        return WINNER.compareAndSet(this, (Sudog) null, sg);
    }

    @Override
    public Sudog winner() {
        return winner;
    }
}
