package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/**
 * Where the runtime emits its JDK Flight Recorder events ({@code go4j.*}, see
 * {@code docs/observability.md}). Every method first asks whether its event is enabled in a
 * running recording; when JFR is off that is one static read and a branch, so the calls can sit
 * on scheduling paths.
 *
 * <p>Nothing of JFR is set up until JFR itself is. Loading a {@code jdk.jfr.Event} subclass makes
 * the JDK initialise its whole recorder (metadata, settings files, the JFR MBean: half a second
 * and more in a fresh JVM), so the event classes are touched only through {@link Probes}, and
 * {@code Probes} only once {@link #live}: a recorder listener (cheap to add: it loads a handful of
 * classes) turns that on when JFR initialises, at {@code -XX:StartFlightRecording}, {@code jcmd
 * JFR.start}, {@code Trace.start} or anyone's {@code new Recording()}. Without the {@code jdk.jfr}
 * module in the runtime image (a jlinked image) these calls are no-ops.
 *
 * <p>Duration events for waits ({@link GoroutineParkEvent}) begin when the goroutine blocks, but
 * only while the event is enabled: with JFR off a wait allocates nothing.
 */
final class JfrEvents {
    private JfrEvents() {}

    /** Whether JFR exists in this runtime image at all. */
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    /**
     * True once JFR is initialised in this JVM (it never goes back): before that no recording can
     * enable an event, and asking an event would initialise JFR. Written by {@link Tracing}'s
     * recorder listener: installed here when JFR already runs (the first goroutine's events are
     * asked), else by each scheduler's sysmon as it starts ({@link Tracing#watch}), since setting
     * up the listener costs a fresh JVM's first go statement 2-4 ms (jdk.jfr's recorder classes).
     */
    static volatile boolean live;

    static {
        if (Tracing.recorderInitialized()) Tracing.watch(); // calls back at once
    }

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
    }

    private static final int STACK_FRAMES = 12;

    static void goroutineCreate(G g) {
        if (!live || !Probes.CREATE.isEnabled()) return;
        GoroutineCreateEvent e = new GoroutineCreateEvent();
        e.goid = g.goid;
        e.parentGoid = g.parentGoid;
        e.site = g.site;
        e.commit();
    }

    static void goroutineEnd(G g) {
        if (!live || !Probes.END.isEnabled()) return;
        GoroutineEndEvent e = new GoroutineEndEvent();
        e.goid = g.goid;
        e.commit();
    }

    /**
     * The goroutine of {@code g} starts waiting for {@code reason}: what {@code G.waiting} holds
     * for the wait, the park event begun for it if park events are enabled, else {@code reason}.
     */
    static Object parkBegin(G g, String reason) {
        if (!live || !Probes.PARK.isEnabled()) return reason;
        GoroutineParkEvent e = new GoroutineParkEvent();
        e.goid = g.goid;
        e.waitReason = reason;
        e.begin();
        return e;
    }

    /** The wait reason a park event in flight carries (see {@link G#waitReason()}). */
    static String reasonOf(Object pending) {
        return ((GoroutineParkEvent) pending).waitReason;
    }

    /** The wait begun by {@link #parkBegin} is over: commits it if it lasted the threshold. */
    static void parkEnd(Object pending) {
        GoroutineParkEvent e = (GoroutineParkEvent) pending;
        e.end();
        if (e.shouldCommit()) e.commit();
    }

    static void steal(int p, int victim, int count) {
        if (!live || !Probes.STEAL.isEnabled()) return;
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
        if (!live || !Probes.HANDOFF.isEnabled()) return;
        HandoffEvent e = new HandoffEvent();
        Thread vt = VirtualThreadHook.threadOf(task);
        e.p = p;
        e.goid = G.goidOf(vt);
        e.blocked = blockedNs;
        e.stack = vt == null ? "" : frames(vt.getStackTrace());
        e.commit();
    }

    /** Begins a syscall event for the calling goroutine, or returns null when disabled. */
    static Object syscallBegin(P handedOff) {
        if (handedOff == null || !live || !Probes.SYSCALL.isEnabled()) return null;
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
        if (!live || !Probes.PREEMPTION.isEnabled()) return;
        PreemptionEvent e = new PreemptionEvent();
        G g = G.current();
        e.goid = g == null ? -1 : g.goid;
        e.p = p;
        e.commit();
    }

    static void hog(Sysmon.Hog hog, long heldNs) {
        if (!live || !Probes.HOG.isEnabled()) return;
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
        if (!live || !Probes.LEAK.isEnabled()) return;
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
        if (!live || !Probes.RUN.isEnabled()) return null;
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
        if (current instanceof M || !live || !Probes.UNPARK.isEnabled()) return;
        GoroutineUnparkEvent e = new GoroutineUnparkEvent();
        e.goid = goidOf(task);
        G by = G.current();
        e.by = by == null ? 0 : by.goid;
        e.commit();
    }

    private static long goidOf(Runnable task) {
        return G.goidOf(VirtualThreadHook.threadOf(task));
    }

    static Object regionBegin(long goid, String name, long task) {
        if (!live || !Probes.REGION.isEnabled()) return null;
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
        if (!live || !Probes.TASK.isEnabled()) return null;
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
        if (!live || !Probes.LOG.isEnabled()) return;
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

    // ---- the event types: their @Name strings are what recordings, go4j-cli's trace reader and
    // ---- the tests read; the classes' own names are not part of that contract.

    /**
     * JFR event {@code go4j.GoroutineCreate}: a go statement ran. Emitted by the creating thread (the
     * event's thread), so the event's stack trace, when enabled, is the go statement's. Off by default:
     * a busy program creates millions.
     */
    @Name("go4j.GoroutineCreate")
    @Category({"go4j", "Goroutines"})
    @Label("Goroutine Create")
    @Description("A goroutine was created (go statement); emitted by its creator")
    @Enabled(false)
    @StackTrace(false)
    static final class GoroutineCreateEvent extends jdk.jfr.Event {
        @Label("Goroutine Id")
        long goid;

        @Label("Parent Goroutine Id")
        @Description("The creating goroutine, 0 when created from a platform thread")
        long parentGoid;

        @Label("Created By")
        @Description("Where the go statement is, when creation sites are recorded")
        String site;
    }

    /** JFR event {@code go4j.GoroutineEnd}: a goroutine's body returned or threw. Off by default. */
    @Name("go4j.GoroutineEnd")
    @Category({"go4j", "Goroutines"})
    @Label("Goroutine End")
    @Description("A goroutine ended; emitted by the goroutine itself")
    @Enabled(false)
    @StackTrace(false)
    static final class GoroutineEndEvent extends jdk.jfr.Event {
        @Label("Goroutine Id")
        long goid;
    }

    /**
     * JFR event {@code go4j.GoroutinePark}: a goroutine waited in a go4j primitive (channel, select,
     * mutex, wait group...). A duration event: it begins as the goroutine blocks and ends as it
     * resumes, so JFR's threshold (20 ms by default) keeps only the long waits. The stack trace is the
     * goroutine's at the moment it resumed, starting at the user's frame that called the primitive:
     * {@code @StackFilter} drops go4j's own frames (the primitive, its waiter, this event's commit)
     * from its top. The annotation lives in jdk.jfr's unexported package {@code jdk.jfr.events}, so
     * go4j-core compiles with {@code --add-exports jdk.jfr/jdk.jfr.events=go4j}; JFR reads it at
     * run time without any flag, and a JDK without it would just keep the frames.
     */
    @Name("go4j.GoroutinePark")
    @Category({"go4j", "Goroutines"})
    @Label("Goroutine Park")
    @Description("A goroutine blocked in a go4j primitive, with Go's wait reason")
    @Threshold("20 ms")
    @StackTrace(true)
    @jdk.jfr.events.StackFilter({
            "go4j.runtime.JfrEvents", "go4j.runtime.Park",
            "go4j.runtime.Sudog", "go4j.runtime.SelectWaiter", "go4j.Chan", "go4j.Chan$1", "go4j.Select",
            "go4j.sync.Sema", "go4j.sync.Mutex", "go4j.sync.RWMutex", "go4j.sync.RWMutex$1",
            "go4j.sync.WaitGroup", "go4j.sync.Cond", "go4j.sync.NotifyList", "go4j.sync.Once", "go4j.sync.Once$1",
            "go4j.sync.Once$2", "go4j.sync.Semaphore", "go4j.sync.ErrGroup", "go4j.time.Time"})
    static final class GoroutineParkEvent extends jdk.jfr.Event {
        @Label("Goroutine Id")
        long goid;

        @Label("Wait Reason")
        @Description("Go's wait reason: chan receive, chan send, select, sync.Mutex.Lock, ...")
        String waitReason;
    }

    /**
     * JFR event {@code go4j.GoroutineRun}: one uninterrupted run of a goroutine on a P, from the moment
     * its M mounted it until it parked, yielded or ended (a span of {@code go tool trace}'s P lanes).
     * Emitted by the M as the run ends, so the event thread is the carrier; the span began
     * {@link #ran} before the event's time. The first event a carrier writes after an unmount is
     * dropped by the JDK, so the event is committed twice (see {@code JfrEvents.runEnd}): readers drop
     * a consecutive exact duplicate from the same carrier. Off by default, and begun only while
     * {@link Tracing#on}: a recording that enables it is a trace ({@code go4j.trace.Trace}).
     */
    @Name("go4j.GoroutineRun")
    @Category({"go4j", "Trace"})
    @Label("Goroutine Run")
    @Description("A goroutine ran on a P without interruption (one scheduling slice); emitted while tracing")
    @Enabled(false)
    @StackTrace(false)
    static final class GoroutineRunEvent extends jdk.jfr.Event {
        @Label("Goroutine Id")
        long goid;

        @Label("P")
        int p;

        @Label("Ran For")
        @Description("How long the run lasted; it ended at the event's time")
        @Timespan(Timespan.NANOSECONDS)
        long ran;
    }

    /**
     * JFR event {@code go4j.GoroutineUnpark}: a goroutine was made runnable by another goroutine or a
     * thread (a channel partner, an unlock, a timer, the JDK's I/O poller, or its creator when it
     * starts). The event thread is the waker. Off by default; emitted only while {@link Tracing#on}.
     */
    @Name("go4j.GoroutineUnpark")
    @Category({"go4j", "Trace"})
    @Label("Goroutine Unpark")
    @Description("A goroutine was made runnable; by is the waking goroutine's id, 0 when a thread woke it")
    @Enabled(false)
    @StackTrace(false)
    static final class GoroutineUnparkEvent extends jdk.jfr.Event {
        @Label("Goroutine Id")
        long goid;

        @Label("By Goroutine")
        @Description("The goroutine that readied it; 0 when a platform thread did (timer, poller, main)")
        long by;
    }

    /** JFR event {@code go4j.Steal}: a P took work from another P's run queue. Off by default (frequent). */
    @Name("go4j.Steal")
    @Category({"go4j", "Scheduler"})
    @Label("Steal")
    @Description("A processor stole goroutines from another processor's run queue")
    @Enabled(false)
    @StackTrace(false)
    static final class StealEvent extends jdk.jfr.Event {
        @Label("Thief P")
        int p;

        @Label("Victim P")
        int victim;

        @Label("Goroutines Taken")
        @Description("How many runnable goroutines moved in this steal (1 when runnext was taken)")
        int count;
    }

    /**
     * JFR event {@code go4j.Handoff}: sysmon found a carrier blocked inside a goroutine (a call that
     * nobody declared with {@code Go.syscall}) while work waited, and handed its P to another M.
     */
    @Name("go4j.Handoff")
    @Category({"go4j", "Scheduler"})
    @Label("Handoff")
    @Description("sysmon handed the P of a carrier blocked in an undeclared call to another carrier")
    @StackTrace(false)
    static final class HandoffEvent extends jdk.jfr.Event {
        @Label("P")
        int p;

        @Label("Goroutine Id")
        @Description("The goroutine blocked in the call; -1 when unknown")
        long goid;

        @Label("Blocked For")
        @Description("How long the goroutine had held the carrier when sysmon took the P")
        @Timespan(Timespan.NANOSECONDS)
        long blocked;

        @Label("Stack")
        @Description("The blocked goroutine's top frames")
        String stack;
    }

    /**
     * JFR event {@code go4j.Syscall}: a goroutine ran a call declared with {@code Go.syscall}, with its
     * P handed to another carrier for the call's length (the event's duration). Threshold 1 ms by
     * default: short calls are many and harmless.
     */
    @Name("go4j.Syscall")
    @Category({"go4j", "Scheduler"})
    @Label("Syscall")
    @Description("A goroutine's declared blocking call (Go.syscall); its P was handed off for the duration")
    @Threshold("1 ms")
    @StackTrace(true)
    static final class SyscallEvent extends jdk.jfr.Event {
        @Label("Goroutine Id")
        long goid;

        @Label("P")
        @Description("The P handed off at the call's start")
        int p;
    }

    /**
     * JFR event {@code go4j.Preemption}: a goroutine that ran past its 10 ms time slice yielded at a
     * checkpoint because sysmon asked. The stack trace shows where (the checkpoint).
     */
    @Name("go4j.Preemption")
    @Category({"go4j", "Scheduler"})
    @Label("Preemption")
    @Description("A goroutine yielded at a checkpoint after running longer than its time slice")
    @StackTrace(true)
    static final class PreemptionEvent extends jdk.jfr.Event {
        @Label("Goroutine Id")
        long goid;

        @Label("P")
        int p;
    }

    /**
     * JFR event {@code go4j.Hog}: a goroutine held its P for 100 ms or more without yielding (the same
     * report sysmon prints to stderr): running a loop without checkpoints, or blocked in a call.
     */
    @Name("go4j.Hog")
    @Category({"go4j", "Scheduler"})
    @Label("Hog")
    @Description("A goroutine held its processor too long without yielding")
    @StackTrace(false)
    static final class HogEvent extends jdk.jfr.Event {
        @Label("Goroutine Id")
        long goid;

        @Label("P")
        int p;

        @Label("Held For")
        @Timespan(Timespan.NANOSECONDS)
        long held;

        @Label("Blocked")
        @Description("True when blocked in a call (should be Go.syscall), false when running (needs checkpoints)")
        boolean blocked;

        @Label("Message")
        String message;

        @Label("Stack")
        @Description("The goroutine's top frames when it was reported")
        String stack;
    }

    /**
     * JFR event {@code go4j.Leak}: the garbage collector proved a goroutine leaked (blocked on a
     * primitive nothing alive can reach). Emitted by the leak detector's thread.
     */
    @Name("go4j.Leak")
    @Category({"go4j", "Goroutines"})
    @Label("Goroutine Leak")
    @Description("A goroutine blocked forever on a primitive nothing alive can reach; found by the GC")
    @StackTrace(false)
    static final class LeakEvent extends jdk.jfr.Event {
        @Label("Goroutine Id")
        long goid;

        @Label("Wait Reason")
        String waitReason;

        @Label("Blocked For")
        @Timespan(Timespan.NANOSECONDS)
        long blocked;

        @Label("Primitive Made At")
        @Description("Where the channel or primitive it was blocked on was made, if recorded")
        String madeAt;

        @Label("Created By")
        @Description("Where its go(...) was, and in which goroutine: Foo.main(Foo.java:9) in goroutine 1")
        String createdBy;
    }

    /** JFR event {@code go4j.Region}: a user region ({@code Trace.region}), Go's {@code trace.WithRegion}. */
    @Name("go4j.Region")
    @Category({"go4j", "Trace"})
    @Label("Trace Region")
    @Description("A region of a goroutine's work marked with Trace.region")
    @Enabled(false)
    @StackTrace(false)
    static final class RegionEvent extends jdk.jfr.Event {
        @Label("Goroutine Id")
        long goid;

        @Label("Name")
        String name;

        @Label("Task Id")
        @Description("The task the region belongs to; 0 for none")
        long task;
    }

    /** JFR event {@code go4j.Task}: a user task ({@code Trace.newTask} to {@code end}), Go's {@code trace.NewTask}. */
    @Name("go4j.Task")
    @Category({"go4j", "Trace"})
    @Label("Trace Task")
    @Description("A logical operation that may span goroutines, from Trace.newTask to its end")
    @Enabled(false)
    @StackTrace(false)
    static final class TaskEvent extends jdk.jfr.Event {
        @Label("Task Id")
        long task;

        @Label("Name")
        String name;

        @Label("Parent Task Id")
        long parent;

        @Label("Goroutine Id")
        @Description("The goroutine that created the task; 0 for a platform thread")
        long goid;
    }

    /** JFR event {@code go4j.Log}: a user message in the trace ({@code Trace.log}), Go's {@code trace.Log}. */
    @Name("go4j.Log")
    @Category({"go4j", "Trace"})
    @Label("Trace Log")
    @Description("A message logged into the trace with Trace.log")
    @Enabled(false)
    @StackTrace(false)
    static final class TraceLogEvent extends jdk.jfr.Event {
        @Label("Goroutine Id")
        long goid;

        @Label("Task Id")
        long task;

        @Label("Category")
        String category;

        @Label("Message")
        String message;
    }
}
