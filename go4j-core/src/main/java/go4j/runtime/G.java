package go4j.runtime;

/**
 * G: a goroutine. The body runs in a JDK virtual thread scheduled by {@link Sched}; this object
 * is that thread's task, and carries what the runtime knows about the goroutine beyond the
 * thread: its id and its {@link GRecord} (creation site, wait reason), which outlives the thread
 * so that a goroutine collected while blocked can be reported as leaked.
 *
 * <p>States, and the virtual-thread transitions that move a goroutine between them (the JDK's
 * {@code VirtualThread} state names on the right):
 * <pre>
 *   runnable -> running      an M takes its task from a run queue          UNPARKED/YIELDED -> RUNNING
 *   running  -> waiting      it parks (channel, lock, sleep, socket)        PARKING -> PARKED
 *   waiting  -> runnable     someone unparks it: execute(task) queues it    PARKED -> UNPARKED
 *   running  -> runnable     it yields (Go.gosched, preemption)             YIELDING -> YIELDED
 *   running  -> syscall      it blocks the carrier (file I/O, native call)  RUNNING (carrier blocked)
 *   running  -> dead         its body returns or throws                     TERMINATED
 *   waiting  -> leaked       nothing alive can reach it: the GC takes it    (collected)
 * </pre>
 * A goroutine never runs on two Ms at once and is in at most one run queue (the JDK submits a
 * virtual thread's continuation once per wake-up).
 *
 * <p>The thread finds its own G cheaply: the G is also the thread's uncaught-exception handler
 * (a plain field of {@code Thread}), so {@link #current()} costs a field read and a type check.
 */
public final class G implements Runnable, Thread.UncaughtExceptionHandler {
    final Sched sched;
    /** Goroutine id, as Go's goid: unique, increasing, never reused. */
    public final long goid;
    /** The body, until it starts: afterwards only the running stack holds it. */
    private Runnable body;
    /** The virtual thread that runs the body; set once before start. */
    Thread thread;
    /** What outlives the thread; held by the registry of all goroutines. */
    GRecord rec; // set once, before start
    /** The synctest bubble this goroutine belongs to, or null; set before start (lifted for a moment only by {@link Bubble#outside}). */
    Bubble bubble;

    G(Sched sched, long goid, Runnable body) {
        this.sched = sched;
        this.goid = goid;
        this.body = body;
    }

    /** The goroutine's thread (a virtual thread). */
    public Thread thread() { return thread; }

    /** The calling goroutine's G, or null on a platform thread or a foreign virtual thread. */
    public static G current() {
        Thread t = Thread.currentThread();
        return t.isVirtual() ? of(t) : null;
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

    @Override
    public void run() {
        Runnable b = body;
        body = null;
        try {
            b.run();
        } catch (Throwable panic) {
            if (bubble == null || !bubble.panicked(this, panic)) Panics.report(this, panic);
        } finally {
            sched.goexit(this);
        }
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        Panics.report(this, e); // not reached: run() catches everything; here for completeness
    }

    @Override
    public String toString() { return "goroutine " + goid; }
}
