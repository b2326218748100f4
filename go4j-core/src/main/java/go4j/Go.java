package go4j;

/**
 * Goroutines: {@code go(...)} and the runtime's controls. Placeholder until the scheduler lands:
 * goroutines run on JDK default virtual threads.
 */
public final class Go {
    private Go() {}

    /** Starts {@code body} as a new goroutine. */
    public static void go(Runnable body) {
        Thread.ofVirtual().start(body);
    }

    /** Runs {@code body} as a goroutine and waits for it, rethrowing its exception. */
    public static void run(Runnable body) {
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofVirtual().start(() -> {
            try { body.run(); } catch (Throwable e) { failure[0] = e; }
        });
        boolean interrupted = false;
        while (true) {
            try { t.join(); break; } catch (InterruptedException e) { interrupted = true; }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure[0] instanceof RuntimeException re) throw re;
        if (failure[0] instanceof Error err) throw err;
        if (failure[0] != null) throw new RuntimeException(failure[0]);
    }

    /** Yields the processor. */
    public static void gosched() { Thread.yield(); }

    /** Current GOMAXPROCS. */
    public static int gomaxprocs() { return Runtime.getRuntime().availableProcessors(); }

    /**
     * A preemption point: yields when the runtime asked the current goroutine to give up its
     * processor (it has run for more than 10 ms). Near-free otherwise. The agent inserts calls to
     * this method on loop back-edges.
     */
    public static void checkpoint() {}

    /** Sets GOMAXPROCS, returning the previous value; {@code n < 1} only queries. */
    public static int gomaxprocs(int n) { return gomaxprocs(); }
}
