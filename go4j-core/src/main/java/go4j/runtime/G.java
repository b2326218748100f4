package go4j.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * G: a goroutine. The body runs in a JDK virtual thread scheduled by {@link Sched}; this object is
 * what the runtime knows about the goroutine beyond the thread: its id, parent and creation site,
 * the wait it is blocked in, its synctest bubble, and where the registry of all goroutines
 * ({@link Allgs}) keeps it. One object per goroutine, as Go's {@code g}.
 *
 * <p><b>Who holds whom.</b> The registry holds every G strongly; a G refers to its thread only
 * weakly (it <em>is</em> the weak reference), and holds nothing else that reaches the thread (the
 * body is dropped as it starts; a synctest {@link Bubble} holds its goroutines' threads on
 * purpose, so that its deadlock check, not the leak detector, reports them). The thread holds its
 * G strongly, as its uncaught-exception
 * handler, which is also how it finds it ({@link #current()}: a field read and a type check). So
 * when a goroutine is blocked on something nothing alive can reach, the collector takes its
 * thread, and the G, still registered, is what is left to report it with ({@link LeakDetector}).
 * The thread's task is not the G (a thread is made before its G, whose referent is set once, at
 * construction) but an {@link Entry}, usually the one its runtime shares among all its
 * goroutines, which finds the G through the handler field.
 *
 * <p><b>States.</b> Go keeps one {@code atomicstatus} per g and checks every change
 * ({@code casgstatus}). Here the run states live where the JDK keeps them, in the virtual
 * thread's own state field (with its own transition table, in {@code VirtualThread}); a second
 * copy here would cost a write on every park, unpark and mount. What only go4j knows is kept in
 * {@code status}, whose changes are checked against {@link #legal} (assertions):
 * <pre>
 *   status    go4j transition                                  virtual-thread states (the JDK's)
 *   LIVE      newg: created (counted from now, started or not)  NEW, then STARTED
 *   LIVE      runnable -> running: an M mounts it               UNPARKED/YIELDED -> RUNNING
 *   LIVE      running -> waiting: it parks (go4j primitive:     PARKING -> PARKED
 *               waitReason != null; else socket, JDK lock, ...)
 *   LIVE      waiting -> runnable: unparked, execute() queues   PARKED -> UNPARKED
 *   LIVE      running -> runnable: Go.gosched, preemption       YIELDING -> YIELDED
 *   LIVE      running -> syscall: blocks its carrier            RUNNING (carrier blocked)
 *   LIVE   -> EXITED   the body returned or threw (goexit)     TERMINATED
 *   LIVE   -> LEAKED   nothing alive reached it: collected     (gone)
 * </pre>
 * EXITED is written by the goroutine itself with a release store; LEAKED by the leak detector
 * with a CAS from LIVE. A collected goroutine cannot be ending, so the two never race for one that
 * leaked; for one that ended, the detector's CAS fails. EXITED and LEAKED are final. A goroutine
 * never runs on two Ms at once and is in at most one run queue (the JDK submits a virtual
 * thread's continuation once per wake-up).
 *
 * <p>The wait fields are written by the goroutine itself as it blocks and unblocks (plain writes;
 * dumps and the leak detector read them racily, which is all a snapshot needs).
 *
 * <p>Layout: every goroutine has one, so fields are few: {@code status} and the registry slot share
 * one int; the runtime is known to the {@link Entry}, not the G; a JFR park event in flight takes
 * the place of the wait reason it carries ({@link #waitReason()}). The object is 80 bytes with
 * compressed pointers (a weak reference's 28, then 52).
 */
public final class G extends WeakReference<Thread> implements Thread.UncaughtExceptionHandler {
    static final int LIVE = 0, EXITED = 1, LEAKED = 2;
    private static final int STATUS_BITS = 2, STATUS_MASK = (1 << STATUS_BITS) - 1;
    private static final VarHandle SLOT_STATUS;
    static {
        try {
            SLOT_STATUS = MethodHandles.lookup().findVarHandle(G.class, "slotStatus", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Goroutine id, as Go's goid: unique, increasing, never reused. */
    public final long goid;
    /** The goroutine that created this one, 0 when created from a platform thread. */
    final long parentGoid;
    /** Where the go statement was: "Foo.main(Foo.java:12)"; null when not recorded. */
    final String site;
    /** The body, until it starts: afterwards only the running stack holds it. */
    private Runnable body;
    /** The synctest bubble this goroutine belongs to, or null; set before start (lifted for a moment only by {@link Bubble#outside}). */
    Bubble bubble;
    /**
     * Go's wait reason while blocked in a go4j primitive ("chan receive", ...), else null; while a
     * JFR recording takes park events, the event begun for the wait, which carries the reason.
     * Owned by the goroutine; read through {@link #waitReason()}.
     */
    Object waiting;
    /** Where the primitive of that wait was made ({@link PrimitiveSites}); null when not recorded. Owned by the goroutine. */
    String waitSite;
    /** When the wait began (coarse clock, ns). Owned by the goroutine. */
    long waitSince;
    /** Where {@link Allgs} keeps this G: the slot array, written once before the G is published, then read only. */
    G[] slots;
    /**
     * The index in {@link #slots} (written once, before publication) shifted left by two, and the
     * status in the low two bits: LIVE, EXITED or LEAKED (see the class comment). Accessed through
     * {@link #SLOT_STATUS}.
     */
    @SuppressWarnings("unused") private int slotStatus;

    /** A goroutine whose thread {@code thread} runs an {@link Entry}; the caller sets the thread's handler to it. */
    G(Thread thread, ReferenceQueue<Thread> queue, long goid, long parentGoid, String site, Runnable body) {
        super(thread, queue);
        this.goid = goid;
        this.parentGoid = parentGoid;
        this.site = site;
        this.body = body;
    }

    /** The goroutine's thread (a virtual thread); null once the collector took it (the goroutine leaked). */
    public Thread thread() { return get(); }

    /** What a goroutine is doing, as dumps ({@link Traceback}) and counts ({@link Census}) name it. */
    enum RunState {
        RUNNABLE("runnable"), RUNNING("running"), SYSCALL("syscall"), WAITING("waiting"), DEAD("dead"), LEAKED("leaked");

        final String words;

        RunState(String words) { this.words = words; }
    }

    /**
     * What the goroutine is doing now, derived in this one place from its thread's state (where
     * the JDK keeps the run states: see the table above) and its carrier: running on an M that
     * holds a live P, or holding a carrier whose P was handed off (syscall). Racy, as a snapshot is.
     */
    RunState runState() {
        Thread t = get();
        if (t == null) return RunState.LEAKED; // collected while blocked: an ended G keeps its thread
        return switch (t.getState()) {
            case NEW -> RunState.RUNNABLE;
            case RUNNABLE -> {
                Thread carrier = VirtualThreadHook.carrierOf(t);
                if (carrier == null) yield RunState.RUNNABLE;
                yield carrier instanceof M m && (m.p == null || m.p.retired) ? RunState.SYSCALL : RunState.RUNNING;
            }
            case TERMINATED -> RunState.DEAD;
            default -> RunState.WAITING; // WAITING, TIMED_WAITING, BLOCKED
        };
    }

    /** The calling goroutine's G, or null on a platform thread or a foreign virtual thread. */
    public static G current() {
        Thread t = Thread.currentThread();
        return t.isVirtual() ? of(t) : null;
    }

    /**
     * The synctest bubble of the calling goroutine, or null ({@link Bubble#current()}). Here, not
     * in {@code Bubble}: asking loads no class, so a fresh JVM's first {@code Go.run} does not load
     * {@code Bubble} and its clock's classes before its goroutine starts.
     */
    public static Bubble currentBubble() {
        G g = current();
        return g == null ? null : g.bubble;
    }

    /** The G of goroutine thread {@code t}, or null when {@code t} is no goroutine (read from its handler field: see above). */
    static G of(Thread t) {
        return t.getUncaughtExceptionHandler() instanceof G g ? g : null;
    }

    /**
     * The goroutine id of thread {@code t}, read from its G; -1 when {@code t} is null or not a
     * goroutine. Never parsed from the thread's name, which the goroutine's own code may change.
     */
    static long goidOf(Thread t) {
        G g = t == null ? null : of(t);
        return g == null ? -1 : g.goid;
    }

    // ---- status ------------------------------------------------------------------------------

    /** Whether a G may go from status {@code from} to {@code to}: out of LIVE only, never back. */
    static boolean legal(int from, int to) {
        return from == LIVE && (to == EXITED || to == LEAKED);
    }

    private int status() { return (int) SLOT_STATUS.getAcquire(this) & STATUS_MASK; }

    /** The slot index in {@link #slots}. */
    int slot() { return (int) SLOT_STATUS.getOpaque(this) >>> STATUS_BITS; }

    /** Records the slot index; once, by the registry, before the G is published (plain: the publication is the release). */
    void slot(int index) {
        assert status() == LIVE;
        slotStatus = index << STATUS_BITS; // status LIVE
    }

    /**
     * The goroutine ended (called by itself). Its thread stays reachable through {@link #thread()}
     * for whoever joins it; should it be collected while someone still holds this G, the leak
     * detector finds the status EXITED and reports nothing.
     */
    void exit() {
        int s = slotStatus; // only the detector writes it meanwhile, and only for a collected goroutine: not this one
        assert legal(s & STATUS_MASK, EXITED) : "goexit of goroutine " + goid + " in status " + (s & STATUS_MASK);
        SLOT_STATUS.setRelease(this, (s & ~STATUS_MASK) | EXITED);
    }

    /** Whether the goroutine ended normally. */
    boolean exited() { return status() == EXITED; }

    /** Neither ended nor claimed as leaked. */
    boolean live() { return status() == LIVE; }

    /** Claims this G as leaked (its thread was collected); false when it ended or was claimed already. */
    boolean claimLeak() {
        int s = (int) SLOT_STATUS.getAcquire(this);
        if ((s & STATUS_MASK) != LIVE) return false;
        assert legal(LIVE, LEAKED);
        return SLOT_STATUS.compareAndSet(this, s, (s & ~STATUS_MASK) | LEAKED);
    }

    /** Go's wait reason while blocked in a go4j primitive ("chan receive", ...), else null. Racy, as a snapshot is. */
    String waitReason() {
        Object w = waiting;
        return w == null || w instanceof String ? (String) w : JfrEvents.reasonOf(w);
    }

    /** Go's "created by" line. */
    String createdBy() {
        String where = site == null ? "?" : site;
        return parentGoid == 0 ? "created by " + where : "created by " + where + " in goroutine " + parentGoid;
    }

    // ---- running -----------------------------------------------------------------------------

    /**
     * The task of a goroutine thread: runs the body of its G, then ends it in its runtime. A thread
     * started as it is made runs its runtime's shared entry ({@code Sched.entry}), which finds the G
     * in the thread's handler field (set before start, and no code but the runtime's ran since). A thread handed out unstarted
     * ({@code Go.threadFactory()}) gets an entry of its own that names its G: its receiver may
     * replace the handler before starting it. One frame, the only one of the runtime's below a
     * body: dumps and panic reports stop at it ({@link #isEntryFrame}), and every frame of a
     * parked goroutine is copied to its heap stack.
     */
    static final class Entry implements Runnable {
        /** The runtime the goroutine belongs to. */
        private final Sched sched;
        /** The G, for an entry of one thread's own; null in the shared one. Set once, before start. */
        G g;

        Entry(Sched sched) { this.sched = sched; }

        @Override
        public void run() {
            G g = this.g != null ? this.g : of(Thread.currentThread());
            Runnable b = g.body;
            g.body = null;
            try {
                b.run();
            } catch (Throwable panic) {
                if (g.bubble == null || !g.bubble.panicked(g, panic)) Panics.report(g, panic);
            } finally {
                Newproc.goexit(sched, g);
            }
        }
    }

    private static final String ENTRY_CLASS = Entry.class.getName();

    /** Whether a stack frame of class {@code className} is where a goroutine's body begins (the runtime's frames are below). */
    static boolean isEntryFrame(String className) {
        return className.equals(ENTRY_CLASS);
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        Panics.report(this, e); // not reached: the entry catches everything; here for completeness
    }

    @Override
    public String toString() { return "goroutine " + goid; }
}
