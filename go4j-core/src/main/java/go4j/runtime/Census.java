package go4j.runtime;

import go4j.Leak;
import go4j.Metrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A walk over every goroutine, for observers: counts by state (Go's goroutine profile in
 * miniature), the metrics snapshot behind {@code Go.metrics()} and the JMX bean, and what the
 * JUnit leak check needs (ids, Go-form dumps of survivors, leaks found without a collection).
 *
 * <p>States, as Go's tracebacks name them:
 * <ul>
 * <li>{@code running}: mounted on an M that holds a P;</li>
 * <li>{@code syscall}: mounted on an M whose P was handed off (blocked in a call);</li>
 * <li>{@code runnable}: ready, waiting in a run queue (or not yet started);</li>
 * <li>{@code waiting}: parked (channel, lock, sleep, I/O...); {@link #waitReasons} splits it by reason;</li>
 * <li>{@code leaked}: collected while blocked, not yet reported by the leak detector.</li>
 * </ul>
 * Everything is read racily, one goroutine at a time, like Go's dumps without stopping the world:
 * the counts add up to the goroutines seen, which may differ by a few from {@code numGoroutine}.
 * Costs O(goroutines); not for hot paths.
 */
public final class Census {
    private Census() {}

    /** The state names, in report order. */
    public static final List<String> STATES = List.of("running", "syscall", "runnable", "waiting", "leaked");

    /** Counts of goroutines by state (every state in {@link #STATES}, zeros included, in that order). */
    public static Map<String, Long> byState(Sched s) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String st : STATES) out.put(st, 0L);
        for (G g : s.allgs.all()) {
            String st = g.exited() ? null : state(g);
            if (st != null) out.merge(st, 1L, Long::sum);
        }
        return out;
    }

    /** Counts of waiting goroutines by wait reason ("chan receive", "sync.Mutex.Lock", "sleep", ...), sorted. */
    public static Map<String, Long> waitReasons(Sched s) {
        Map<String, Long> out = new TreeMap<>();
        for (G g : s.allgs.all()) {
            Thread t = g.get();
            if (t != null && !g.exited() && isParked(t)) out.merge(reason(g, t), 1L, Long::sum);
        }
        return out;
    }

    /** The ids of every goroutine the runtime knows (alive, or collected and not yet reported). */
    public static Set<Long> goids(Sched s) {
        Set<Long> ids = new HashSet<>();
        for (G g : s.allgs.all()) ids.add(g.goid);
        return ids;
    }

    /**
     * Go-form tracebacks ({@code goroutine 7 [chan receive]:}, frames, {@code created by}) of the
     * live goroutines whose ids are not in {@code except}, by id; one string each.
     */
    public static List<String> dumps(Sched s, Set<Long> except) {
        List<G> gs = s.allgs.all();
        gs.sort(Comparator.comparingLong(g -> g.goid));
        G self = G.current();
        List<String> out = new ArrayList<>();
        for (G g : gs) {
            Thread t = g.get();
            if (t == null || g.exited() || except.contains(g.goid) || (self != null && self == g)) continue;
            out.add(Traceback.one(g, t));
        }
        return out;
    }

    /** The goroutines found leaked so far, without forcing a collection (see {@link Sched#leaks()}). */
    public static List<Leak> leaksFound(Sched s) {
        return s.leakDetector.found();
    }

    /** How many goroutines were found leaked since the scheduler started. */
    public static long leakCount(Sched s) {
        return s.leakDetector.count();
    }

    /** A snapshot of the scheduler's gauges and counters. */
    public static Metrics metrics(Sched s) {
        SchedTrace.Stats st = SchedTrace.stats(s);
        P[] ps = s.allp;
        List<Integer> runqs = new ArrayList<>(ps.length);
        for (P p : ps) runqs.add(p.runq.size() + (p.lvRunnext() != null ? 1 : 0));
        long steals = 0;
        for (long n : st.steals()) steals += n;
        return new Metrics(s.allgs.size(), byState(s), waitReasons(s), st.gomaxprocs(), st.threads(), st.idleThreads(),
                st.idleProcs(), st.spinningThreads(), st.globalRunqueue(), runqs, steals, st.preemptions(),
                st.handoffs(), st.syscalls(), st.hogs(), leakCount(s));
    }

    /** The state of {@code g}'s goroutine, one of {@link #STATES}; null once it ended. */
    static String state(G g) {
        G.RunState st = g.runState();
        return st == G.RunState.DEAD ? null : st.words;
    }

    private static boolean isParked(Thread t) {
        Thread.State st = t.getState();
        return st == Thread.State.WAITING || st == Thread.State.TIMED_WAITING || st == Thread.State.BLOCKED;
    }

    /** Go's wait reason when blocked in a go4j primitive, else the JDK's: sleep, monitor enter, waiting. */
    private static String reason(G g, Thread t) {
        String go4j = g.waitReason();
        if (go4j != null) return go4j;
        return switch (t.getState()) {
            case BLOCKED -> "monitor enter";
            case TIMED_WAITING -> "sleep";
            default -> "waiting";
        };
    }
}
