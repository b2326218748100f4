package go4j.runtime;

/**
 * {@code GO4J_DEBUG=schedtrace=N} (or {@code -Dgo4j.debug=schedtrace=N}, see {@link GoDebug}):
 * prints {@link Sched#schedtrace()} to stderr every N ms from a daemon thread, as Go's
 * {@code GODEBUG=schedtrace=N} does.
 */
final class SchedTrace {
    private SchedTrace() {}

    static void startFromEnv(Sched sched, String debug) {
        start(sched, periodFrom(debug));
    }

    /** Starts the printer when {@code periodMs > 0}. */
    static void start(Sched sched, long periodMs) {
        if (periodMs <= 0) return;
        Thread t = Thread.ofPlatform().daemon().name("go4j-schedtrace").unstarted(() -> {
            while (true) {
                try {
                    Thread.sleep(periodMs);
                } catch (InterruptedException e) {
                    return;
                }
                System.err.println(sched.schedtrace());
            }
        });
        t.start();
    }

    /** Parses {@code schedtrace=N} out of a comma-separated GO4J_DEBUG value, silently; 0 when absent or bad. */
    static long periodFrom(String debug) {
        return GoDebug.parse(debug, GoDebug.ENV, warning -> {}).schedtraceMs();
    }
}
