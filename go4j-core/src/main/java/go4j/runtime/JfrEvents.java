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
        static final GoroutineRunEvent RUN = new GoroutineRunEvent();
        static final GoroutineUnparkEvent UNPARK = new GoroutineUnparkEvent();
        static final RegionEvent REGION = new RegionEvent();
        static final TaskEvent TASK = new TaskEvent();
        static final TraceLogEvent LOG = new TraceLogEvent();
        static {
            Tracing.watch(); // from now on, a recording that traces turns Tracing.on on
        }
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
        // An M steals right after a goroutine unmounted from it, and the JDK drops the first event
        // a carrier writes after an unmount (see runEnd); while tracing, runEnd's commits came first.
        if (!Tracing.on) e.commit();
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

    // ---- tracing: called only while Tracing.on ------------------------------------------------

    /**
     * The M is about to run {@code task} on {@code p}: begins a run span, or returns null. The span
     * is an instant event made and committed when the run ends, carrying how long it ran.
     */
    static Object runBegin(Runnable task, P p) {
        if (!AVAILABLE || !Probes.RUN.isEnabled()) return null;
        return new RunSpan(goidOf(task), p.id, System.nanoTime());
    }

    /** A run span between {@link #runBegin} and {@link #runEnd}. */
    private record RunSpan(long goid, int p, long start) {}

    /**
     * The run begun by {@link #runBegin} is over (the goroutine parked, yielded or ended). The
     * event is committed twice: unmounting a virtual thread invalidates the carrier's JFR event
     * writer, and the JDK's writer silently drops the first event written after that (it only
     * revalidates). So the first commit is lost, the second kept; on an M's very first run, when
     * nothing was unmounted yet, both are kept, and readers drop the exact duplicate.
     */
    static void runEnd(Object span) {
        RunSpan s = (RunSpan) span;
        GoroutineRunEvent e = new GoroutineRunEvent();
        e.goid = s.goid;
        e.p = s.p;
        e.ran = System.nanoTime() - s.start;
        e.commit(); // revalidates the writer
        e.commit();
    }

    /**
     * {@code task} was made runnable by the calling thread. An M resubmitting the goroutine that
     * just left it (a yield, a preemption) is not an unpark: the run span's end says it.
     */
    static void unpark(Runnable task, Thread current) {
        if (current instanceof M || !AVAILABLE || !Probes.UNPARK.isEnabled()) return;
        GoroutineUnparkEvent e = new GoroutineUnparkEvent();
        e.goid = goidOf(task);
        G by = G.current();
        e.by = by == null ? 0 : by.goid;
        e.commit();
    }

    private static long goidOf(Runnable task) {
        Thread t = VirtualThreadHook.threadOf(task);
        return t != null && t.getUncaughtExceptionHandler() instanceof G g ? g.goid : -1;
    }

    static Object regionBegin(long goid, String name, long task) {
        if (!AVAILABLE || !Probes.REGION.isEnabled()) return null;
        RegionEvent e = new RegionEvent();
        e.goid = goid;
        e.name = name;
        e.task = task;
        e.begin();
        return e;
    }

    static void regionEnd(Object region) {
        RegionEvent e = (RegionEvent) region;
        e.end();
        e.commit();
    }

    static Object taskBegin(long task, String name, long parent, long goid) {
        if (!AVAILABLE || !Probes.TASK.isEnabled()) return null;
        TaskEvent e = new TaskEvent();
        e.task = task;
        e.name = name;
        e.parent = parent;
        e.goid = goid;
        e.begin();
        return e;
    }

    static void taskEnd(Object event) {
        TaskEvent e = (TaskEvent) event;
        e.end();
        e.commit();
    }

    static void traceLog(long goid, long task, String category, String message) {
        if (!AVAILABLE || !Probes.LOG.isEnabled()) return;
        TraceLogEvent e = new TraceLogEvent();
        e.goid = goid;
        e.task = task;
        e.category = category;
        e.message = message;
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
