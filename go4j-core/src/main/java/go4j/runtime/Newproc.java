package go4j.runtime;

/**
 * A goroutine's creation and end: Go's {@code newproc}/{@code newproc1} and {@code goexit0}.
 *
 * <p>{@link #newproc} builds the goroutine ({@link #newg}: its creation site, id, virtual thread,
 * {@link G}, registry slot) and starts its thread, which hands the thread's continuation to
 * {@link Sched#execute}: from there {@link Sched} runs it. The thread runs a {@link G.Entry},
 * which calls {@link #goexit} as the body ends.
 */
final class Newproc {
    private Newproc() {}

    /** Threads are named {@code goroutine N}, for logs and debuggers, unless {@code -Dgo4j.threadNames=false} (56 bytes less each). */
    static final boolean THREAD_NAMES = !"false".equals(System.getProperty("go4j.threadNames"));

    /**
     * {@code goroutine N}, by the string concatenation the JIT compiles into one allocation sized
     * for the digits: {@code "goroutine ".concat(Long.toString(goid))} makes two strings and cost
     * a spawn 30-70 ns more. But linking that concatenation costs a fresh JVM ~4 ms, so sysmon
     * links it ({@link #linkThreadName}) 50 ms after it starts, and spawns until then use the
     * two-string form.
     */
    static String threadName(long goid) {
        return threadNameLinked ? concatName(goid) : "goroutine ".concat(Long.toString(goid));
    }

    /** The one call site of the concatenation: linked where it first runs, which is sysmon. */
    private static String concatName(long goid) { return "goroutine " + goid; }

    /** Set once the concatenation is linked; a plain field: a late sight of it only means the slower, equal name. */
    private static boolean threadNameLinked;

    /** Links {@link #threadName}'s concatenation (sysmon, once). */
    static void linkThreadName() {
        concatName(0);
        threadNameLinked = true;
    }

    /** Creates and starts a goroutine of {@code s} running {@code body} (Go's newproc). */
    static G newproc(Sched s, Runnable body) {
        Thread t = newg(s, body, s.entry);
        G g = G.of(t); // before start: the JDK clears the handler field as the thread ends
        t.start(); // the JDK calls Sched.execute(): runnext of the caller's P, or the global queue
        if (!s.leakDetector.trackingChecked) s.leakDetector.checkTracking(t);
        return g;
    }

    /**
     * Creates a goroutine without starting it and returns its virtual thread: {@code start()}
     * makes it runnable (what {@code Go.threadFactory()} hands out). It counts as a goroutine
     * from now on, as in {@link #newproc}: a thread that is never started stays counted.
     */
    static Thread newThread(Sched s, Runnable body) {
        return newg(s, body, new G.Entry(s)); // its own entry: its receiver may replace the handler before start
    }

    /**
     * Creates a goroutine without starting it; returns its thread, whose handler field holds the G.
     * The caller holds the thread until it starts it: the G refers to it only weakly. The thread
     * runs {@code entry}: {@link Sched#entry}, or one of its own (then it is told its G here).
     */
    static Thread newg(Sched s, Runnable body, G.Entry entry) {
        String site = Sites.of(body); // first: its first lookup for a class may block, and move us to another M
        M m = s.currentM();
        long goid = newgoid(s, m);
        String name = THREAD_NAMES ? threadName(goid) : "";
        Thread t = s.custom ? VirtualThreadHook.newThread(s.executor, name, entry) : Thread.ofVirtual().name(name).unstarted(entry);
        G parent = G.current();
        G g = new G(t, s.leakDetector.queue, goid, parent == null ? 0 : parent.goid, site, body);
        if (entry != s.entry) entry.g = g;
        VirtualThreadHook.setHandlerBeforeStart(t, g); // how the thread finds its G: see G.current()
        if (parent != null && parent.bubble != null) parent.bubble.enter(g, t); // a goroutine of a synctest bubble
        s.allgs.add(g, m == null ? null : m.allgs); // nothing above parks: we are still on m
        JfrEvents.goroutineCreate(g);
        return t;
    }

    /**
     * A fresh goroutine id: from the spawning M's P's batch ({@link P#newgoid}), so a spawn costs
     * no shared atomic; else from the global counter. Unique, never reused; across Ps not in
     * creation order (nor are Go's).
     */
    private static long newgoid(Sched s, M m) {
        P p = m == null ? null : m.p;
        return p == null ? s.goidgen.incrementAndGet() : p.newgoid(s.goidgen);
    }

    /** Called by a goroutine's own thread as its body ends. */
    static void goexit(Sched s, G g) {
        JfrEvents.goroutineEnd(g);
        M m = s.currentM();
        s.allgs.exit(g, m == null ? null : m.allgs);
        if (g.bubble != null) g.bubble.exit(g);
        if (m != null && m.lockedCont != null) { // Go would end the M with it; ours just goes back to the pool
            m.lockedCount = 1;
            s.locked.unlockOSThread();
        }
    }
}
