package go4j.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A lock that never involves the scheduler (Go's runtime {@code mutex}, which spins and then
 * sleeps on a futex, never on a goroutine queue): the scheduler's lock and the global run queue's.
 *
 * <p>Why not a monitor: both Ms and goroutines take these locks (a goroutine changing GOMAXPROCS,
 * entering or leaving {@code Go.syscall}). A goroutine that finds a monitor taken unmounts, and
 * the JVM then makes it the monitor's successor: the thread that releases the monitor wakes
 * <em>it</em>, by readying it through our scheduler, and every platform thread behind it in the
 * monitor's queue waits until it has run. If the Ms that would run it are those platform threads,
 * nothing runs again. (Seen: two Ms blocked for good on the scheduler's monitor, the goroutine
 * that would release them runnable in the global queue.) A goroutine spinning here keeps its
 * carrier, so it can never be such a successor; and no critical section parks, so a holder is
 * always running and lets go soon.
 *
 * <p>Not reentrant. Waiters spin; a platform thread that has spun a while yields its CPU, so a
 * holder the OS descheduled can run (there may be more Ms than cores).
 */
final class SpinLock {
    private static final VarHandle OWNER;
    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(SpinLock.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int SPINS_BEFORE_YIELD = 64;

    /** The holder, or null when free. CAS to take, release store to let go. */
    @SuppressWarnings("unused") private volatile Thread owner;

    void lock() {
        Thread me = Thread.currentThread();
        if (!OWNER.compareAndSet(this, null, me)) lockSlow(me);
    }

    private void lockSlow(Thread me) {
        assert owner != me : "SpinLock is not reentrant";
        boolean platform = !me.isVirtual(); // a goroutine must not unmount here: see the class comment
        for (int spins = 0; ; spins++) {
            if (OWNER.getOpaque(this) == null && OWNER.compareAndSet(this, null, me)) return;
            if (platform && spins >= SPINS_BEFORE_YIELD) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    void unlock() {
        assert owner == Thread.currentThread() : "unlock of a SpinLock not held";
        OWNER.setRelease(this, null);
    }

    boolean isHeldByCurrentThread() {
        return OWNER.getOpaque(this) == Thread.currentThread();
    }
}
