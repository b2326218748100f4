package go4j.runtime;

/**
 * The preemption poll behind {@code Go.checkpoint()}.
 *
 * <p>The JDK cannot stop a running virtual thread, so preemption is cooperative: sysmon marks a P
 * whose goroutine has run for more than {@link Sysmon#FORCE_PREEMPT_NS} ({@link #mark}); the
 * goroutine yields at its next checkpoint (inserted on loop back-edges by the agent, or called by
 * hand). The fast path is one read of a rarely-written static volatile flag, so a checkpoint on a
 * loop back-edge costs close to nothing.
 *
 * <p>The mark is the P's, so each runtime (tests run several) preempts only its own goroutines.
 * The flag says whether any P of any runtime is marked: it is raised with the first mark and
 * cleared with the last, counted exactly ({@link #mark}, {@link #unmark}), so no runtime can clear
 * it under another's mark.
 */
public final class Preempt {
    private Preempt() {}

    /** True while some P is marked for preemption. */
    public static volatile boolean pending;

    /** How many Ps are marked, in all runtimes. */
    private static final java.util.concurrent.atomic.AtomicInteger MARKED = new java.util.concurrent.atomic.AtomicInteger();

    /** How many Ps are marked now (for tests). */
    static int marked() { return MARKED.get(); }

    /** Sysmon: asks the goroutine running on {@code p} to yield at its next checkpoint. */
    static void mark(P p) {
        if (!p.casPreempt(false, true)) return;
        MARKED.incrementAndGet();
        pending = true;
    }

    /**
     * Takes {@code p}'s mark away, if it has one: its goroutine yields now, or its slice ended
     * anyway, or the P is retired. Returns whether there was one.
     */
    static boolean unmark(P p) {
        if (!p.preempt || !p.casPreempt(true, false)) return false;
        if (MARKED.decrementAndGet() == 0) {
            pending = false;
            // A mark made between the count's drop and this clear raised the flag before it;
            // then the count is not 0 any more: raise it again.
            if (MARKED.get() != 0) pending = true;
        }
        return true;
    }

    /** The slow path: yield if the P the caller runs on was marked. */
    public static void poll() {
        if (!Thread.currentThread().isVirtual() || !VirtualThreadHook.AVAILABLE) return;
        if (!(VirtualThreadHook.currentCarrier() instanceof M m)) return;
        P p = m.p;
        if (p == null) return;
        if (p.retired) {
            // Our P was handed to another M while we held the carrier: give the carrier back.
            Sched.goschedImpl(m);
        } else if (unmark(p)) {
            m.sched.preemptions.increment();
            JfrEvents.preemption(p.id);
            Sched.goschedImpl(m); // a preempted goroutine goes to the global queue, as in Go
        }
    }
}
