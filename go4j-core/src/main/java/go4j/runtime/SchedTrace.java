package go4j.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Observing the scheduler: Go's {@code schedtrace} line, the counters behind it, the Ms, sysmon's
 * hog reports. All racy snapshots, as Go's are: they read the scheduler without its lock.
 *
 * <p>{@code GO4J_DEBUG=schedtrace=N} (or {@code -Dgo4j.debug=schedtrace=N}, see {@link GoDebug})
 * prints {@link #line} to stderr every N ms from a daemon thread, as Go's
 * {@code GODEBUG=schedtrace=N} does.
 */
final class SchedTrace {
    private SchedTrace() {}

    /** One line in the form of Go's schedtrace, plus per-P steal counts. */
    static String line(Sched s) {
        P[] ps = s.allp;
        StringBuilder sb = new StringBuilder(160);
        sb.append("SCHED ").append((System.nanoTime() - s.startNanos) / 1_000_000).append("ms:")
          .append(" gomaxprocs=").append(ps.length)
          .append(" idleprocs=").append(s.idle.npidle)
          .append(" threads=").append(s.mcount.get())
          .append(" spinningthreads=").append(s.nmspinning.get())
          .append(" idlethreads=").append(s.idle.nmidle)
          .append(" runqueue=").append(s.globrunq.size())
          .append(" [");
        for (int i = 0; i < ps.length; i++) sb.append(i == 0 ? "" : " ").append(ps[i].runq.size() + (ps[i].lvRunnext() != null ? 1 : 0));
        sb.append("] schedticks=[");
        for (int i = 0; i < ps.length; i++) sb.append(i == 0 ? "" : " ").append(ps[i].lrSchedtick());
        sb.append("] steals=[");
        for (int i = 0; i < ps.length; i++) sb.append(i == 0 ? "" : " ").append(ps[i].steals);
        return sb.append(']').toString();
    }

    /** Scheduler counters at one instant (racy, like Go's schedtrace). */
    record Stats(int gomaxprocs, int idleProcs, int threads, int idleThreads, int spinningThreads,
                 int globalRunqueue, long[] schedticks, long[] steals,
                 long preemptions, long handoffs, long syscalls, long hogs) {}

    /** A snapshot of counters, for tests and metrics. */
    static Stats stats(Sched s) {
        P[] ps = s.allp;
        long[] ticks = new long[ps.length], steals = new long[ps.length];
        for (int i = 0; i < ps.length; i++) {
            ticks[i] = ps[i].lrSchedtick();
            steals[i] = ps[i].steals;
        }
        return new Stats(ps.length, s.idle.npidle, (int) s.mcount.get(), s.idle.nmidle, s.nmspinning.get(),
                s.globrunq.size(), ticks, steals,
                s.preemptions.sum(), s.handoffs.sum(), s.syscalls.sum(), s.hogReports.sum());
    }

    /** The Ms of {@code s}, for tests that check they park when idle. */
    static Thread[] threads(Sched s) {
        List<Thread> ts = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) if (t instanceof M m && m.sched == s) ts.add(t);
        return ts.toArray(new Thread[0]);
    }

    /** Sysmon's hog reports, most recent last. */
    static List<String> hogs(Sched s) {
        List<String> out = new ArrayList<>();
        for (Sysmon.Hog h : s.sysmon.hogs()) out.add(h.message());
        return out;
    }

    // ---- the periodic printer ---------------------------------------------------------------

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
                System.err.println(line(sched));
            }
        });
        t.start();
    }

    /** Parses {@code schedtrace=N} out of a comma-separated GO4J_DEBUG value, silently; 0 when absent or bad. */
    static long periodFrom(String debug) {
        return GoDebug.parse(debug, GoDebug.ENV, warning -> {}).schedtraceMs();
    }
}
