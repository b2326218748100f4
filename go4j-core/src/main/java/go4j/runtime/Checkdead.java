package go4j.runtime;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Go's {@code checkdead}: when the program's main thread waits in a go4j primitive and every
 * goroutine is asleep in one too, with no go4j timer pending and nothing else alive that could
 * wake them, the program can never go on. Go then ends it with
 * {@code fatal error: all goroutines are asleep - deadlock!}, the goroutine dump and exit status
 * 2; so does go4j.
 *
 * <p>A report means what it says, so "asleep" is proven, never guessed:
 * <ol>
 * <li>the main thread ({@code main}, the launcher's) waits in a go4j primitive or {@code Go.run},
 *     and has not been readied: a platform thread woken keeps its {@code WAITING} state until the
 *     OS runs it, which on a loaded machine can take longer than {@link #CONFIRM_NS}, so the
 *     wait's own probe (its sudog's {@code done}, the joined goroutine's end) is asked too;
 * <li>no go4j timer is pending (a {@code Time.after}, a ticker, a context deadline would wake someone);
 * <li>every M is between goroutines, every P idle, the global queue empty;
 * <li>every platform thread alive is go4j's own, a JDK system thread (the thread groups outside
 *     {@code main}: reference handler, poller, unparker...), or main: any other thread, whatever
 *     its state, might wake a goroutine;
 * <li>every goroutine waits, untimed ({@code WAITING}), in a go4j primitive: one in a socket read,
 *     {@code Thread.sleep}, a timed park, a JDK lock or a monitor is not asleep in Go's sense;
 * <li>all of the above holds twice, {@link #CONFIRM_NS} apart, with nothing run, started, ended,
 *     or woken in between (the fingerprint).
 * </ol>
 * Sysmon asks when it is about to sleep deeply (every P idle), at most every
 * {@link #MIN_INTERVAL_NS}, so an idle server pays a few scans a second at most.
 * {@code -Dgo4j.deadlock=off} turns it off.
 */
final class Checkdead {
    private Checkdead() {}

    static final boolean ENABLED = !"off".equals(System.getProperty("go4j.deadlock"));
    static final long CONFIRM_NS = 20_000_000;
    static final long MIN_INTERVAL_NS = 100_000_000;

    /** go4j.time's count of pending timers, set when its timer heap starts; null while there is none. */
    static volatile IntSupplier pendingTimers;

    /** The program's main thread, once seen waiting in go4j; its wait reason while it waits, and a count of its waits. */
    private static volatile Thread main;
    private static volatile String mainWaiting;
    /** Whether main's current wait is over (it was readied), though main may not have run yet. */
    private static volatile BooleanSupplier mainReadied;
    private static volatile int mainWaits;

    /**
     * Park's seam, for a platform thread about to wait in a go4j primitive; {@code readied} says
     * whether that wait is over (see condition 1 above).
     */
    static void platformWaiting(String reason, BooleanSupplier readied) {
        Thread t = Thread.currentThread();
        if (t != main) {
            if (!isMain(t)) return;
            main = t;
        }
        mainWaits++; // only main writes it
        mainReadied = readied;
        mainWaiting = reason;
        Sysmon s = checker;
        if (s != null) s.wake(); // everything else may be asleep already, with sysmon in its deep sleep
    }

    /** The sysmon of the process-wide runtime, which does the checking; null until it exists. */
    static volatile Sysmon checker;

    /** Park's seam: the platform thread's wait is over. */
    static void platformRunning() {
        if (Thread.currentThread() != main) return;
        mainWaiting = null;
        mainWaits++;
    }

    private static boolean isMain(Thread t) {
        ThreadGroup g = t.getThreadGroup();
        return t.getName().equals("main") && !t.isDaemon() && g != null && g.getName().equals("main");
    }

    /**
     * A fingerprint of the state if the program looks dead now (conditions 1 to 5), else 0. Two
     * equal non-zero fingerprints {@link #CONFIRM_NS} apart prove it.
     */
    static long deadFingerprint(Sched sched) {
        return deadFingerprint(sched, main, mainWaiting, mainReadied);
    }

    /** {@link #deadFingerprint(Sched)} for main thread {@code m} waiting for {@code reason} (null: not waiting). */
    static long deadFingerprint(Sched sched, Thread m, String reason, BooleanSupplier readied) {
        if (m == null || reason == null) return 0;
        if (m.getState() != Thread.State.WAITING) return LOOK_AGAIN; // between entering its wait and parking
        if (readied != null && readied.getAsBoolean()) return 0; // woken, and about to run
        return fingerprint(sched, m);
    }

    /** The verdict "main is about to park": sysmon looks again in a moment (main's wake-up of it came too early). */
    static final long LOOK_AGAIN = -1;

    private static long fingerprint(Sched sched, Thread m) {
        IntSupplier timers = pendingTimers;
        if (timers != null && timers.getAsInt() > 0) return 0;
        if (!sched.idle.allIdle()) return 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) { // platform threads only
            if (t == m) continue;
            if (t instanceof M mm) {
                if (mm.lvCurCont() != null) return 0;
                continue;
            }
            if (isGo4jThread(t) || isSystemThread(t)) continue;
            return 0;
        }
        long[] fp = {mainWaits};
        boolean asleep = sched.allgs.allMatch(g -> {
            if (!asleep(g)) return false;
            fp[0] = fp[0] * 31 + g.goid;
            return true;
        });
        if (!asleep || !sched.idle.allIdle()) return 0;
        long f = fp[0] * 31 + sched.allgs.size();
        for (P p : sched.allp) f = f * 31 + p.lrSwitches();
        return f == 0 || f == LOOK_AGAIN ? 1 : f;
    }

    /**
     * Whether the goroutine of {@code g} is asleep in Go's sense: parked without a timeout in a go4j
     * primitive, or collected (a leak: it can never run again).
     */
    static boolean asleep(G g) {
        Thread t = g.get();
        if (t == null) return true;
        return g.waitReason() != null && t.getState() == Thread.State.WAITING;
    }

    /** Go's fatal error, the dump of main and every goroutine, exit status 2. */
    static void die(Sched sched) {
        StringBuilder sb = new StringBuilder("fatal error: all goroutines are asleep - deadlock!\n\n");
        sb.append(Traceback.dumpAsleep(sched, main, mainWaiting));
        System.err.print(sb);
        System.err.flush();
        Runtime.getRuntime().halt(2);
    }

    /** The runtime's own platform threads (sysmon, leakwatch, timers, schedtrace, jmx...): none of them readies a goroutine of its own accord. */
    private static boolean isGo4jThread(Thread t) {
        return t.getName().startsWith("go4j-");
    }

    /** A JDK thread: one outside the {@code main} thread group and its descendants. */
    private static boolean isSystemThread(Thread t) {
        for (ThreadGroup g = t.getThreadGroup(); g != null; g = g.getParent()) {
            if (g.getName().equals("main")) return false;
        }
        return true;
    }
}
