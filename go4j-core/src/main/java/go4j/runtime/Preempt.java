package go4j.runtime;

/**
 * The preemption poll behind {@code Go.checkpoint()}.
 *
 * <p>The JDK cannot stop a running virtual thread, so preemption is cooperative: sysmon marks a P
 * whose goroutine has run for more than {@link Sysmon#FORCE_PREEMPT_NS} and raises
 * {@link #pending}; the goroutine yields at its next checkpoint (inserted on loop back-edges by
 * the agent, or called by hand). The fast path is one read of a rarely-written static volatile
 * flag, so a checkpoint on a loop back-edge costs close to nothing.
 */
public final class Preempt {
    private Preempt() {}

    /** Raised by sysmon while some P is marked for preemption; cleared when none is. */
    public static volatile boolean pending;

    /**
     * How many sysmons (one per runtime; tests run several) have a P marked. The flag is shared,
     * so a sysmon with nothing marked may clear it only when no other sysmon has a mark.
     */
    private static final java.util.concurrent.atomic.AtomicInteger MARKING = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Called by a sysmon at the end of each round with whether it has Ps marked, and whether it
     * had at the end of its previous round. A sysmon with marks raises the flag every round:
     * another sysmon, deciding to clear it, may have just written over it.
     */
    static void marked(boolean now, boolean before) {
        if (now != before) MARKING.addAndGet(now ? 1 : -1);
        if (now) {
            pending = true;
        } else if (pending && MARKING.get() == 0) {
            pending = false;
        }
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
        } else if (p.preempt) {
            p.preempt = false;
            m.sched.preemptions.increment();
            JfrEvents.preemption(p.id);
            Sched.goschedImpl(m); // a preempted goroutine goes to the global queue, as in Go
        }
    }
}
