package go4j.runtime;

/**
 * Where the runtime emits its JDK Flight Recorder events ({@code go4j.*}, see
 * {@code docs/observability.md}). Every method first asks whether its event is enabled in a
 * running recording; when JFR is off that is one static read and a branch, so the calls can sit
 * on scheduling paths. The event classes are touched only through {@link Probes}, loaded on the
 * first call, and only when the {@code jdk.jfr} module is in the runtime image: a jlinked image
 * without it runs with these calls as no-ops.
 *
 * <p>Duration events for waits ({@link GoroutineParkEvent}) begin when the goroutine blocks, but
 * only while the event is enabled: with JFR off a wait allocates nothing.
 */
final class JfrEvents {
    private JfrEvents() {}

    /** Whether JFR exists in this runtime image at all. */
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    /**
     * One instance of each event class, used only to ask {@code isEnabled()}: after JFR
     * instruments an event class, that reads the class's static configuration, not the instance.
     */
    private static final class Probes {
        static final GoroutineCreateEvent CREATE = new GoroutineCreateEvent();
        static final GoroutineEndEvent END = new GoroutineEndEvent();
        static final GoroutineParkEvent PARK = new GoroutineParkEvent();
        static final StealEvent STEAL = new StealEvent();
        static final HandoffEvent HANDOFF = new HandoffEvent();
        static final SyscallEvent SYSCALL = new SyscallEvent();
        static final PreemptionEvent PREEMPTION = new PreemptionEvent();
        static final HogEvent HOG = new HogEvent();
        static final LeakEvent LEAK = new LeakEvent();
    }

    private static final int STACK_FRAMES = 12;

    static void goroutineCreate(GRecord r) {
        if (!AVAILABLE || !Probes.CREATE.isEnabled()) return;
        GoroutineCreateEvent e = new GoroutineCreateEvent();
        e.goid = r.goid;
        e.parentGoid = r.parentGoid;
        e.site = r.site;
        e.commit();
    }

    static void goroutineEnd(GRecord r) {
        if (!AVAILABLE || !Probes.END.isEnabled()) return;
        GoroutineEndEvent e = new GoroutineEndEvent();
        e.goid = r.goid;
        e.commit();
    }

    /** The goroutine of {@code r} starts waiting for {@code reason}: begins a park event if enabled. */
    static void parkBegin(GRecord r, String reason) {
        if (!AVAILABLE || !Probes.PARK.isEnabled()) return;
        GoroutineParkEvent e = new GoroutineParkEvent();
        e.goid = r.goid;
        e.waitReason = reason;
        e.begin();
        r.parkEvent = e;
    }

    /** The wait begun by {@link #parkBegin} is over: commits it if it lasted the threshold. */
    static void parkEnd(GRecord r, Object pending) {
        r.parkEvent = null;
        GoroutineParkEvent e = (GoroutineParkEvent) pending;
        e.end();
        if (e.shouldCommit()) e.commit();
    }

    static void steal(int p, int victim, int count) {
        if (!AVAILABLE || !Probes.STEAL.isEnabled()) return;
        StealEvent e = new StealEvent();
        e.p = p;
        e.victim = victim;
        e.count = count;
        e.commit();
    }

    /** Sysmon handed off {@code p}, whose M had been inside one goroutine for {@code blockedNs}. */
    static void handoff(int p, Runnable task, long blockedNs) {
        if (!AVAILABLE || !Probes.HANDOFF.isEnabled()) return;
        HandoffEvent e = new HandoffEvent();
        Thread vt = VirtualThreadHook.threadOf(task);
        e.p = p;
        e.goid = vt == null ? -1 : Sysmon.goidOf(vt);
        e.blocked = blockedNs;
        e.stack = vt == null ? "" : frames(vt.getStackTrace());
        e.commit();
    }

    /** Begins a syscall event for the calling goroutine, or returns null when disabled. */
    static Object syscallBegin(P handedOff) {
        if (handedOff == null || !AVAILABLE || !Probes.SYSCALL.isEnabled()) return null;
        SyscallEvent e = new SyscallEvent();
        G g = G.current();
        e.goid = g == null ? -1 : g.goid;
        e.p = handedOff.id;
        e.begin();
        return e;
    }

    static void syscallEnd(Object pending) {
        if (pending == null) return;
        SyscallEvent e = (SyscallEvent) pending;
        e.end();
        if (e.shouldCommit()) e.commit();
    }

    /** The calling goroutine yields at a checkpoint because sysmon marked {@code p}. */
    static void preemption(int p) {
        if (!AVAILABLE || !Probes.PREEMPTION.isEnabled()) return;
        PreemptionEvent e = new PreemptionEvent();
        G g = G.current();
        e.goid = g == null ? -1 : g.goid;
        e.p = p;
        e.commit();
    }

    static void hog(Sysmon.Hog hog, long heldNs) {
        if (!AVAILABLE || !Probes.HOG.isEnabled()) return;
        HogEvent e = new HogEvent();
        e.goid = hog.goid();
        e.p = hog.p();
        e.held = heldNs;
        e.blocked = hog.blocked();
        e.message = hog.message();
        e.stack = frames(hog.stack());
        e.commit();
    }

    static void leak(go4j.Leak leak) {
        if (!AVAILABLE || !Probes.LEAK.isEnabled()) return;
        LeakEvent e = new LeakEvent();
        e.goid = leak.goid();
        e.waitReason = leak.waitReason();
        e.blocked = leak.blocked().toNanos();
        e.madeAt = leak.madeAt();
        String by = leak.createdBy(); // Go's line, "created by X in goroutine 1": the field's label says "Created By"
        e.createdBy = by != null && by.startsWith("created by ") ? by.substring("created by ".length()) : by;
        e.commit();
    }

    /** The top frames, one per line, as a JFR string field (a goroutine's stack is not the event thread's). */
    private static String frames(StackTraceElement[] stack) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < stack.length && i < STACK_FRAMES; i++) sb.append(stack[i]).append('\n');
        if (stack.length > STACK_FRAMES) sb.append("...\n");
        return sb.toString();
    }
}
