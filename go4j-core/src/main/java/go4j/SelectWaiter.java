package go4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The {@link Waiter} of a blocked select: one per select, shared by the {@link Sudog}s of all its
 * cases, so a partner must win {@link #winner} by CAS before it may complete a case (see the
 * protocol in {@link Waiter}). That makes exactly one case fire.
 *
 * <p>Invariant: {@code winner} changes at most once, from {@code null}, under the lock of the
 * channel whose queue held the winning sudog.
 */
final class SelectWaiter extends Waiter {
    /** The sudog whose partner claimed this waiter; set once by CAS, under that sudog's channel lock. */
    private volatile Sudog winner;

    private static final VarHandle WINNER;
    static {
        try {
            WINNER = MethodHandles.lookup().findVarHandle(SelectWaiter.class, "winner", Sudog.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    SelectWaiter() {
        super(SELECT);
    }

    /** The waiter of a select durable in the caller's synctest bubble: every channel is the bubble's. */
    SelectWaiter(boolean durable) {
        super(durable ? SELECT_DURABLE : SELECT);
        this.durable = durable;
    }

    /** Claims this select for {@code sg}; false when another case's sudog already won. */
    @Override
    boolean claim(Sudog sg) {
        return WINNER.compareAndSet(this, (Sudog) null, sg);
    }

    @Override
    Sudog winner() {
        return winner;
    }
}
