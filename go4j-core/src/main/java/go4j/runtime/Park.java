package go4j.runtime;

import java.util.function.BooleanSupplier;

/**
 * The seam through which go4j's primitives tell the runtime that the calling goroutine blocks and
 * why: the wait reason and its start go into the goroutine's {@link G}, for dumps
 * ({@code goroutine 7 [chan receive, 3 minutes]}) and for leak reports, which must outlive the
 * goroutine's thread. For a platform thread only the main thread's waits are noted, for Go's
 * deadlock check ({@link Checkdead}). Costs three field writes per wait, and a check whether JFR
 * records {@code go4j.GoroutinePark}.
 */
public final class Park {
    private Park() {}

    /**
     * The calling goroutine is about to park for {@code reason}, on no primitive; {@code readied}
     * tells, once the wait is over, that it is (for the deadlock check, when the caller is the
     * main thread: see {@link Checkdead}).
     */
    public static void waiting(WaitReason reason, BooleanSupplier readied) {
        waiting(reason, null, false, readied);
    }

    /**
     * The calling goroutine is about to park for {@code reason} on a primitive made at
     * {@code site} (see {@link PrimitiveSites}; null when not recorded). With {@code durable},
     * the wait is durable in the caller's synctest bubble (on a primitive of its own bubble): the
     * bubble counts the goroutine blocked; then it is called once per such wait, after the
     * waiter is queued (see {@link Bubble}). {@code readied} tells whether the wait is over
     * (see {@link #waiting(WaitReason, BooleanSupplier)}).
     */
    public static void waiting(WaitReason reason, String site, boolean durable, BooleanSupplier readied) {
        G g = G.current();
        if (g != null) {
            String words = reason.words(durable);
            g.waitSince = CoarseClock.nanotime();
            g.waitSite = site;
            g.waiting = JfrEvents.AVAILABLE ? JfrEvents.parkBegin(g, words) : words; // a static read when JFR is off
            if (durable) Bubble.blocked(g);
        } else if (Checkdead.ENABLED) {
            Checkdead.platformWaiting(reason.words, readied); // the main thread's waits decide whether the program can be dead
        }
    }

    /**
     * go4j.time's timer heap says how many timers are pending: while one is, the program is not
     * dead even if everything waits (see {@link Checkdead}).
     */
    public static void timers(java.util.function.IntSupplier pending) {
        Checkdead.pendingTimers = pending;
    }

    /** The calling goroutine's wait is over. */
    public static void running() {
        G g = G.current();
        if (g != null) {
            Object w = g.waiting;
            g.waiting = null;
            if (w != null && !(w instanceof String)) JfrEvents.parkEnd(w); // a park event in flight
        } else if (Checkdead.ENABLED) {
            Checkdead.platformRunning();
        }
    }

    /**
     * Called by whoever ends a durable wait of {@code owner} (see {@link #waiting(WaitReason, String, boolean, BooleanSupplier)}), before
     * making it runnable: its bubble counts it running from now, as Go's goready does.
     */
    public static void readiedDurably(Thread owner) {
        Bubble.readied(owner);
    }
}
