package go4j.runtime;

/**
 * A goroutine's creation and end: Go's {@code newproc}/{@code newproc1} and {@code goexit0}.
 *
 * <p>{@link #newproc} builds the goroutine ({@link #newg}: its creation site, virtual thread, whose id is
 * the goroutine's, {@link G}, registry slot) and starts its thread, which hands the thread's continuation to
 * {@link Sched#execute}: from there {@link Sched} runs it. The thread runs a {@link G.Entry},
 * which calls {@link #goexit} as the body ends.
 */
final class Newproc {
    private Newproc() {}

    /**
     * What a goroutine's thread is called. A goroutine of {@code Go.go} is {@code goroutine}, one
     * shared string: a name of its own cost every goroutine 56 bytes and its spawn 30-40 ns, and
     * its id is already in its thread, whose id it is ({@code #N} in the JDK's thread dumps and in
     * {@code toString}, {@link Thread#threadId()}, JFR's thread id). The threads that Java code is
     * handed, by {@code Go.threadFactory()} and {@code Go.executor()} (Tomcat's and Spring's
     * workers), are named {@code goroutine N}, as a pool names its threads, for the logs that print
     * the name; {@code -Dgo4j.threadNames=numbered} names every goroutine so.
     */
    static final String THREAD_NAME = "goroutine";
    static final boolean NUMBERED_NAMES = "numbered".equals(System.getProperty("go4j.threadNames"));

    /** Creates and starts a goroutine of {@code s} running {@code body} (Go's newproc). */
    static G newproc(Sched s, Runnable body, boolean numbered) {
        Thread t = newg(s, body, s.entry, numbered);
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
        return newg(s, body, new G.Entry(s), true); // its own entry: its receiver may replace the handler before start
    }

    /**
     * Creates a goroutine without starting it; returns its thread, whose handler field holds the G.
     * The caller holds the thread until it starts it: the G refers to it only weakly. The thread
     * runs {@code entry}: {@link Sched#entry}, or one of its own (then it is told its G here). It
     * is named {@code goroutine N} if {@code numbered}, else {@link #THREAD_NAME}.
     */
    static Thread newg(Sched s, Runnable body, G.Entry entry, boolean numbered) {
        String site = Sites.of(body); // first: its first lookup for a class may block, and move us to another M
        Thread t = s.custom ? VirtualThreadHook.newThread(s.executor, THREAD_NAME, entry) : Thread.ofVirtual().name(THREAD_NAME).unstarted(entry);
        long goid = t.threadId(); // the goroutine's id is its thread's: the JDK's tools show it
        if (numbered) t.setName("goroutine ".concat(Long.toString(goid)));
        G parent = G.current();
        G g = new G(t, s.leakDetector.queue, goid, parent == null ? 0 : parent.goid, site, body);
        if (entry != s.entry) entry.g = g;
        VirtualThreadHook.setHandlerBeforeStart(t, g); // how the thread finds its G: see G.current()
        if (parent != null && parent.bubble != null) parent.bubble.enter(g, t); // a goroutine of a synctest bubble
        M m = s.currentM();
        s.allgs.add(g, m == null ? null : m.allgs); // nothing above parks: we are still on m
        JfrEvents.goroutineCreate(g);
        return t;
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
