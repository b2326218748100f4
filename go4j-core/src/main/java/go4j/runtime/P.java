package go4j.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * P: a processor, the right to run goroutines. There are exactly GOMAXPROCS live Ps; an M runs
 * goroutines only while it holds one.
 *
 * <p>A P is held by at most one M ({@link #m}); only that M puts into {@link #runq}, sets
 * {@link #runnext} from its own goroutines, and bumps the counters. Other Ms steal from the queue
 * and, on their last pass, from {@code runnext}. A P is never handed from one M to another while
 * the first may still run goroutines on it: to take a P away from a blocked M, or to shrink
 * GOMAXPROCS, the runtime <em>retires</em> the P and puts a fresh one with the same id in its
 * place. The retired P stays the private queue of the M that holds it until that M next
 * schedules, when it moves whatever is left to the global queue and lets the P go.
 */
final class P {
    private static final VarHandle RUNNEXT, SCHEDTICK, SWITCHES, PREEMPT;
    static {
        try {
            var l = MethodHandles.lookup();
            RUNNEXT = l.findVarHandle(P.class, "runnext", Runnable.class);
            SCHEDTICK = l.findVarHandle(P.class, "schedtick", long.class);
            SWITCHES = l.findVarHandle(P.class, "switches", long.class);
            PREEMPT = l.findVarHandle(P.class, "preempt", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int id;
    final RunQueue runq;

    /** The continuation to run next, ahead of runq (Go's runnext). Owner sets; owner and last-pass stealers take by CAS. */
    @SuppressWarnings("unused") private volatile Runnable runnext;

    /** The M holding this P, or null when idle. Written by acquirep/releasep; read racily by sysmon and Census. */
    volatile M m;

    /**
     * True once this P was replaced (handoff or GOMAXPROCS shrink); reset to false when a spare
     * P stands in again (Handoff.replace). Written under the scheduler lock, read racily.
     */
    volatile boolean retired;

    /** Incremented by the owner each time it starts a new time slice (not for runnext). Read by sysmon. Relaxed (opaque). */
    @SuppressWarnings("unused") private long schedtick;

    /** Incremented by the owner each time it runs a continuation, runnext included. Read by sysmon (hogs, blocked Ms). Relaxed. */
    @SuppressWarnings("unused") private long switches;

    /** Tasks this P's M has stolen from other Ps. Owner writes, anyone reads racily. */
    volatile long steals;

    /** The goroutine running here has used up its slice: see {@link Preempt#mark}, {@link Preempt#unmark}. */
    volatile boolean preempt;

    P(int id, int queueCapacity) {
        this.id = id;
        this.runq = new RunQueue(queueCapacity);
    }

    Runnable lvRunnext() { return (Runnable) RUNNEXT.getAcquire(this); }
    boolean casRunnext(Runnable expect, Runnable update) { return RUNNEXT.compareAndSet(this, expect, update); }
    /** Owner only: installs {@code cont} as runnext and returns the previous occupant (volatile getAndSet: a full fence). */
    Runnable swapRunnext(Runnable cont) { return (Runnable) RUNNEXT.getAndSet(this, cont); }

    boolean casPreempt(boolean expect, boolean update) { return PREEMPT.compareAndSet(this, expect, update); }

    long lrSchedtick() { return (long) SCHEDTICK.getOpaque(this); }
    /** Owner only (plain load, relaxed store): a new time slice starts. Sysmon notices the change, as Go's sysmon does, without a clock read here. */
    void tick() { SCHEDTICK.setOpaque(this, (long) SCHEDTICK.get(this) + 1); }

    long lrSwitches() { return (long) SWITCHES.getOpaque(this); }
    /** Owner only (plain load, relaxed store): a continuation (possibly continuing the slice) starts running. */
    void switched() { SWITCHES.setOpaque(this, (long) SWITCHES.get(this) + 1); }

    /** A stand-in takes over the counters of the P it replaces. */
    void inherit(P old) {
        SCHEDTICK.setOpaque(this, old.lrSchedtick());
        steals = old.steals;
    }

    /**
     * Owner only: takes half of {@code victim}'s ring into ours, or with {@code stealRunnext} and
     * an empty ring its runnext; returns one continuation to run now (Go's runqsteal). Our ring
     * is empty when this is called (the owner just polled it, and only the owner fills it), so
     * the stolen half always fits.
     */
    Runnable runqsteal(P victim, Object[] batch, boolean stealRunnext) {
        int n = victim.runq.grabHalf(batch);
        if (n == 0) {
            if (!stealRunnext) return null;
            Runnable next = victim.lvRunnext();
            if (next == null) return null;
            if (victim.m != null) {
                // Its owner is running and likely to switch to runnext in a moment (a goroutine it
                // just readied): sleep ~3 us, as Go does, rather than bounce the pair between Ps.
                // The kernel's timer slack stretches this to tens of microseconds, which also keeps
                // this M spinning (so wakep stays quiet) across many hand-overs of such a pair.
                java.util.concurrent.locks.LockSupport.parkNanos(3_000);
            }
            if (!victim.casRunnext(next, null)) return null;
            steals++;
            JfrEvents.steal(id, victim.id, 1);
            return next;
        }
        Runnable first = (Runnable) batch[n - 1];
        boolean offered = runq.offerAll(batch, 0, n - 1);
        assert offered : "runqsteal: our ring was not empty";
        java.util.Arrays.fill(batch, 0, n, null);
        steals += n;
        JfrEvents.steal(id, victim.id, n);
        return first;
    }

    /** Racy: whether this P has anything to run. */
    boolean hasWork() { return lvRunnext() != null || !runq.isEmpty(); }

    @Override
    public String toString() { return "P" + id; }
}
