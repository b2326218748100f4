package go4j.runtime;

/**
 * {@code GO4J_DEBUG=schedtrace=N}: prints {@link Sched#schedtrace()} to stderr every N ms from a
 * daemon thread, as Go's {@code GODEBUG=schedtrace=N} does.
 */
final class SchedTrace {
    private SchedTrace() {}

    static void startFromEnv(Sched sched, String debug) {
        long periodMs = periodFrom(debug);
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

    /** Parses {@code schedtrace=N} out of a comma-separated GO4J_DEBUG value; 0 when absent. */
    static long periodFrom(String debug) {
        if (debug == null) return 0;
        for (String part : debug.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("schedtrace")) {
                try {
                    return Long.parseLong(kv[1].trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
