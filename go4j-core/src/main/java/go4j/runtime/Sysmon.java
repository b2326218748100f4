package go4j.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * sysmon: the runtime's monitor, a daemon platform thread that holds no P (Go's {@code sysmon}).
 *
 * <p>Each round it looks at every P that has an M inside a goroutine:
 * <ul>
 * <li><b>Preemption.</b> Sysmon remembers each P's schedtick and when it last saw it change. A P
 *     whose tick has not moved for {@link #FORCE_PREEMPT_NS} (10 ms, Go's forcePreemptNS) is
 *     running one time slice too long (a runnext chain shares one slice): sysmon marks it, and
 *     the goroutine yields at its next {@code Go.checkpoint()}.</li>
 * <li><b>Handoff.</b> A P whose M is <em>blocked</em> in a call that holds the carrier (file I/O,
 *     a native call, a pinned park, class initialisation) while work waits is handed to another
 *     M. Blocked is told from busy by evidence, not by a guess: the kernel's state of the M's
 *     thread ({@code /proc/self/task/<tid>/stat}: anything but {@code R} is not running), or,
 *     where that file is not available, the M's CPU time not advancing. Two consecutive rounds
 *     must agree, and the slice must be older than {@link #HANDOFF_AFTER_NS}, so a goroutine that
 *     merely paused for a moment keeps its P.</li>
 * <li><b>Hogs.</b> A slice older than {@link #hogThresholdNs} (100 ms) is reported once: to
 *     stderr and to {@link #hogs()}, with the goroutine's stack, saying whether the goroutine
 *     runs (a loop without checkpoints) or is blocked in a call (one that should be declared with
 *     {@code Go.syscall}).</li>
 * </ul>
 * It sleeps 20 us between rounds, doubling after 50 rounds in which it did nothing, up to 10 ms
 * (1 ms while some goroutine is running, so a preemption is not a whole period late);
 * when every P is idle it parks until the scheduler starts an M again: an idle runtime burns no CPU.
 */
final class Sysmon implements Runnable {
    static final long FORCE_PREEMPT_NS = 10_000_000;
    static final long HANDOFF_AFTER_NS = 20_000;
    private static final long MIN_DELAY_NS = 20_000;
    private static final long MAX_DELAY_NS = 10_000_000;
    private static final long BUSY_MAX_DELAY_NS = 1_000_000;
    /** Whether the last round saw a goroutine running on some P. Owned by sysmon. */
    private boolean sawRunning;

    private final Sched sched;
    volatile long hogThresholdNs = 100_000_000;
    /** Whether hog reports go to stderr too. */
    volatile boolean printHogs = !"quiet".equals(System.getProperty("go4j.hogs"));

    /** True while parked because every P was idle; the scheduler unparks it when work starts. */
    volatile boolean sleeping;
    private volatile Thread thread;

    private final ArrayDeque<Hog> hogs = new ArrayDeque<>(); // guarded by itself; the most recent 64

    /**
     * The JDK's thread bean, loaded the first time a run lasts long enough to be judged:
     * java.lang.management costs a fresh JVM ~40 ms of CPU to set up, which a program's first go
     * statement should not pay (nor share its cores with).
     */
    private static final class Beans {
        static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    }

    /** The collector beans, loaded the first time an M looks blocked: ~15 ms more, which a judged run alone does not need. */
    private static final class CollectorBeans {
        static final java.util.List<java.lang.management.GarbageCollectorMXBean> COLLECTORS =
                ManagementFactory.getGarbageCollectorMXBeans();
    }

    /** Collections run so far, all collectors (each pause, and each concurrent cycle). */
    private static long collections() {
        long n = 0;
        for (var gc : CollectorBeans.COLLECTORS) n += Math.max(0, gc.getCollectionCount());
        return n;
    }

    /** What sysmon remembers about one P between rounds (Go's sysmontick). Owned by sysmon. */
    private static final class Watch {
        P p;
        long schedtick = -1;
        long since;           // when schedtick last changed (the time slice)
        long switches = -1;
        long taskSince;       // when switches last changed (this goroutine's uninterrupted run)
        int blockedRounds;     // consecutive rounds the M looked blocked
        long gcsAtFirstBlocked; // collections so far when this run of blocked rounds began
        long cpu = -1;         // the CPU time of the M cpuOf at the last look, in the round that began at cpuAt
        long cpuAt;            // (across runs: it is the M's time, not one goroutine's)
        M cpuOf;
        java.io.RandomAccessFile stat; // the /proc stat file of statOf's thread, kept open
        M statOf;
        final byte[] statBuf = new byte[STAT_BYTES];
        long lookedAt = -1;    // the round (its start, lastRound) of the last looksBlocked, and its answer
        boolean looked;
        boolean hogReported;
        long seen;             // of this run, the time sysmon saw pass (no stopped-world gaps)
        long cpuMark = -1;     // the M's CPU time once the run had lasted HOG_WATCH_NS, or -1
        long seenAtMark;       // seen, at that moment
        int looks;             // stack looks taken on the way to the threshold

        /** The run's hog accounting starts from zero (a new run, or time that was not its own). */
        void restartHogCount() {
            seen = 0;
            cpuMark = -1;
        }
    }

    private Watch[] watches; // made on sysmon's thread (watch): its class is not loaded on the first go statement's path

    Sysmon(Sched sched) {
        this.sched = sched;
    }

    void start() {
        Thread t = Thread.ofPlatform().daemon().name("go4j-sysmon").unstarted(this);
        thread = t;
        t.start();
    }

    /** The sysmon thread, or null before start. */
    Thread thread() { return thread; }

    /** Ends the sysmon thread (the scheduler is closed: see Sched.close). */
    void stop() {
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    /** Wakes sysmon from its deep sleep; cheap when it is not sleeping. */
    void wake() {
        if (sleeping) {
            sleeping = false;
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void run() {
        Tracing.watch(); // JFR's recorder listener, off the first go statement's path (see JfrEvents.live)
        if (sched.checksDead) Schedinit.bringUp(sched);
        long delay = MIN_DELAY_NS;
        int idleRounds = 0;
        while (!sched.closed) {
            roundDelay = delay;
            LockSupport.parkNanos(delay);
            CoarseClock.tick();
            if (sched.idle.allIdle()) {
                sleeping = true;
                if (sched.idle.allIdle()) {
                    CoarseClock.stop(); // nobody advances it while we sleep: readers take the exact clock
                    while (sleeping && !sched.closed) sleepDeeply();
                }
                sleeping = false;
                CoarseClock.tick();
                lastRound = 0;
                // Resume at the busy cap, not with a new burst of 20 us rounds as Go does: a server
                // whose Ps all go idle for a moment between bursts of requests sleeps deeply and is
                // woken hundreds of times a second, and each burst of 50 short rounds cost more CPU
                // than the server's scheduling (hello route: 6% of all CPU, 10,000 rounds/s).
                delay = Math.min(delay, BUSY_MAX_DELAY_NS);
                continue;
            }
            boolean handedOff = retake(System.nanoTime());
            if (handedOff) {
                idleRounds = 0;
                delay = MIN_DELAY_NS;
            } else if (++idleRounds > 50) {
                // Go lets sysmon sleep up to 10 ms; while goroutines run, a shorter cap keeps the
                // preemption of a 10 ms slice from arriving a whole extra period late.
                delay = Math.min(delay * 2, sawRunning ? BUSY_MAX_DELAY_NS : MAX_DELAY_NS);
            }
        }
        // Closed: a mark of ours must not keep the shared flag raised, or every checkpoint of the
        // other runtimes would take the slow path for good.
        for (P p : sched.allp) Preempt.unmark(p);
        CoarseClock.stop(); // nor may the shared clock stay at our last tick: readers take the exact one until another sysmon ticks
        if (watches != null) {
            for (Watch w : watches) {
                if (w == null || w.stat == null) continue;
                try {
                    w.stat.close();
                } catch (java.io.IOException ignored) {
                    // a /proc file: nothing to flush
                }
            }
        }
    }

    /** When sysmon last asked whether the program is dead (Checkdead), 0 never. Owned. */
    private long lastCheckdead;

    /**
     * One park of the deep sleep, until the scheduler wakes sysmon. The process-wide runtime first
     * asks whether the program is dead (every P idle is when it may be): a candidate is looked at
     * again {@link Checkdead#CONFIRM_NS} later, and a program proven dead ends there.
     */
    private void sleepDeeply() {
        if (!sched.checksDead || !Checkdead.ENABLED) {
            LockSupport.park(this);
            return;
        }
        long wait = lastCheckdead + Checkdead.MIN_INTERVAL_NS - System.nanoTime();
        if (lastCheckdead != 0 && wait > 0) {
            LockSupport.parkNanos(this, wait); // asked recently: not more often than that
            if (!sleeping) return;
        }
        lastCheckdead = System.nanoTime();
        long fp = Checkdead.deadFingerprint(sched);
        if (fp == Checkdead.LOOK_AGAIN) { // main woke us on its way into a wait, and is not parked yet
            lastCheckdead = 0;
            LockSupport.parkNanos(this, 1_000_000);
            return;
        }
        if (fp == 0) {
            LockSupport.park(this);
            return;
        }
        LockSupport.parkNanos(this, Checkdead.CONFIRM_NS);
        if (sleeping && Checkdead.deadFingerprint(sched) == fp) Checkdead.die(sched);
    }

    /** When the previous round ran (0: none since waking), and how long sysmon meant to sleep after it. Owned. */
    private long lastRound;
    private long roundDelay = MIN_DELAY_NS;
    /** How late a round may be before the excess counts as a gap sysmon did not see. */
    private static final long ROUND_SLACK_NS = 2_000_000;

    /**
     * One round over the Ps (Go's retake). Returns whether it handed a P off: as in Go, only a
     * handoff makes sysmon look again soon. A preemption mark does not: it came at the end of a
     * 10 ms slice, and rounds of 20 us after each one kept sysmon reading a running M's CPU
     * time tens of thousands of times a second beside any CPU-bound goroutine with work queued
     * behind it (a spawn loop: sysmon at a tenth of a core).
     */
    boolean retake(long now) {
        // The time since the last round that sysmon saw pass. When it wakes much later than it
        // meant to, the world was stopped (a collection, a safepoint) or sysmon was not scheduled:
        // what happened in the excess is unknown, so no goroutine is charged with it.
        long seen = lastRound == 0 ? 0 : Math.min(now - lastRound, roundDelay + ROUND_SLACK_NS);
        lastRound = now;
        P[] ps = sched.allp;
        boolean handedOff = false;
        sawRunning = false;
        for (P p : ps) {
            Watch w = watch(p);
            M m = p.m;
            if (m == null || m.lvCurCont() == null) {
                w.schedtick = -1; // idle or between goroutines: a new slice starts when it runs again
                Preempt.unmark(p); // so a mark of the last one is stale (and would keep every checkpoint on its slow path)
                continue;
            }
            sawRunning = true;
            long sw = p.lrSwitches();
            if (sw != w.switches) { // another goroutine, or the same one resumed: a new uninterrupted run
                w.switches = sw;
                w.taskSince = now;
                w.blockedRounds = 0;
                w.hogReported = false;
                w.restartHogCount();
            } else {
                w.seen += seen;
            }
            long tick = p.lrSchedtick();
            if (tick != w.schedtick) {
                w.schedtick = tick;
                w.since = now;
                continue;
            }
            // The slice (shared by a runnext chain) decides preemption; one goroutine's own
            // uninterrupted run decides hogs and blocked carriers, so a ping-pong pair that
            // parks all the time is preempted as one but never reported as a hog.
            long ran = now - w.since;
            if (ran >= FORCE_PREEMPT_NS && !p.preempt) Preempt.mark(p);
            long onTask = now - w.taskSince;
            if (!w.hogReported) checkHog(p, m, w);
            if (onTask >= HANDOFF_AFTER_NS && sched.handoff.workWaitsFor(p)) {
                if (looksBlocked(m, w)) {
                    // A thread stopped for a collection looks blocked too: rounds with a collection
                    // between them prove nothing, so they start the count again.
                    long gcs = collections();
                    if (w.blockedRounds > 0 && gcs != w.gcsAtFirstBlocked) w.blockedRounds = 0;
                    if (w.blockedRounds == 0) w.gcsAtFirstBlocked = gcs;
                    if (++w.blockedRounds >= 2 && sched.handoff.retake(p, m)) {
                        JfrEvents.handoff(p.id, m.lvCurCont(), onTask);
                        handedOff = true;
                        w.schedtick = -1;
                        w.switches = -1;
                    }
                } else {
                    w.blockedRounds = 0;
                }
            }
        }
        return handedOff;
    }

    private Watch watch(P p) {
        if (watches == null) {
            watches = new Watch[Math.max(p.id + 1, sched.allp.length)];
        } else if (p.id >= watches.length) {
            watches = java.util.Arrays.copyOf(watches, Math.max(p.id + 1, watches.length * 2));
        }
        Watch w = watches[p.id];
        if (w == null || w.p != p) {
            w = new Watch();
            w.p = p;
            watches[p.id] = w;
        }
        return w;
    }

    /**
     * The evidence: the kernel says the M's thread is not running (not even waiting for a CPU),
     * or, where it cannot tell, the M's CPU time stood still. An M that was on a CPU for at least
     * half the time since the last look is running, which costs one clock read to see, so the
     * kernel (a /proc read, some tens of microseconds) is asked only otherwise; a call that blocks
     * its carrier most of the time is still caught. A goroutine running for long with work
     * queued behind it is looked at every round, and reading /proc each time had sysmon using a
     * seventh of a core beside a goroutine spawning others. Asked once per round for each P
     * (checkHog and the handoff check both want it).
     */
    private boolean looksBlocked(M m, Watch w) {
        if (w.lookedAt == lastRound) return w.looked;
        long prev = w.cpuOf == m ? w.cpu : -1, prevAt = w.cpuAt;
        long cpu = Beans.THREADS.getThreadCpuTime(m.threadId());
        w.cpu = cpu;
        w.cpuAt = lastRound;
        w.cpuOf = m;
        boolean blocked;
        if (cpu >= 0 && prev >= 0 && cpu - prev >= (lastRound - prevAt) / 2) {
            blocked = false; // on a CPU for at least half the time since the last look
        } else {
            char state = m.tid > 0 ? threadState(m, w) : 0;
            blocked = state != 0 ? state != 'R' : cpu >= 0 && cpu == prev;
        }
        w.lookedAt = lastRound;
        w.looked = blocked;
        return blocked;
    }

    /** What a look at a /proc stat file reads: enough of the line to hold the state after the name. */
    private static final int STAT_BYTES = 128;

    private static String statPath(long tid) {
        return "/proc/self/task/".concat(Long.toString(tid)).concat("/stat");
    }

    /**
     * The state letter (R running, S sleeping, D disk...) from {@code stat}, an open /proc stat
     * file, read again from its start (a procfs file is regenerated on each read from offset 0:
     * one pread, no open or close).
     */
    private static char threadState(java.io.RandomAccessFile stat, byte[] buf) throws java.io.IOException {
        stat.seek(0);
        int n = stat.read(buf);
        for (int i = n - 1; i > 0; i--) { // the name, in parentheses, may hold anything: take the last ')'
            if (buf[i] == ')' && i + 2 < n) return (char) buf[i + 2];
        }
        return 0;
    }

    /** The state of {@code m}'s thread through {@code w}'s open stat file, opened when the M changes; 0 if unknown. */
    private static char threadState(M m, Watch w) {
        try {
            if (w.statOf != m) {
                if (w.stat != null) w.stat.close();
                w.stat = null;
                w.statOf = m;
                w.stat = new java.io.RandomAccessFile(statPath(m.tid), "r");
            }
            return w.stat == null ? 0 : threadState(w.stat, w.statBuf);
        } catch (java.io.IOException | RuntimeException e) {
            return 0; // not Linux, or the thread is gone
        }
    }

    /**
     * The calling thread's kernel id, from /proc/thread-self; -1 when unknown. With java.io, not
     * NIO: each M asks as it starts, the first one on a fresh JVM's first go statement, where NIO's
     * file system would be set up for it (~1 ms).
     */
    static long currentTid() {
        try {
            String path = new java.io.File("/proc/thread-self").getCanonicalPath(); // "/proc/<pid>/task/<tid>"
            return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    // ---- hogs ---------------------------------------------------------------------------------

    /** A run that has lasted this long gets its CPU time read, once: shorter ones cannot be hogs. */
    private static final long HOG_WATCH_NS = 1_000_000;

    /**
     * Reports the goroutine running on {@code p} if it has been running its own code for
     * {@link #hogThresholdNs}, and only then: a report must mean what it says. What does not count:
     * time the world was stopped (collections, safepoints: see {@code seen}); time the M was not
     * on a CPU (descheduled by the OS: the M's CPU time decides for a running goroutine); loading
     * and initialising classes (the count starts again: its stack is looked at a quarter, half and
     * three quarters of the way, and at the end); and a goroutine caught in the park machinery, or
     * that has parked by the time its stack is taken.
     */
    private void checkHog(P p, M m, Watch w) {
        long threshold = hogThresholdNs;
        if (w.cpuMark < 0) {
            if (w.seen < HOG_WATCH_NS) return;
            w.cpuMark = Beans.THREADS.getThreadCpuTime(m.threadId());
            w.seenAtMark = w.seen;
            w.looks = 0;
            return;
        }
        if (w.seen < threshold) {
            if (w.seen >= (w.looks + 1) * (threshold / 4)) { // a look on the way
                w.looks++;
                if (HogStack.classify(stackOf(m)) == HogStack.Kind.CLASS_INIT) w.restartHogCount();
            }
            return;
        }
        boolean blocked = looksBlocked(m, w);
        long ran = w.seen; // blocked in a call: the time it has held the carrier
        if (!blocked) {
            long cpu = Beans.THREADS.getThreadCpuTime(m.threadId());
            if (cpu >= 0 && w.cpuMark >= 0) ran = w.seenAtMark + (cpu - w.cpuMark);
            if (ran < threshold) return; // it was not on a CPU that long (yet)
        }
        Thread vt = VirtualThreadHook.threadOf(m.lvCurCont());
        StackTraceElement[] stack = vt == null ? new StackTraceElement[0] : vt.getStackTrace();
        if (p.lrSwitches() != w.switches || p.m != m) return; // it yielded or parked meanwhile: the run is over
        switch (HogStack.classify(stack)) {
            case PARKING -> { return; } // in the park itself: the run is ending, not hogging
            case CLASS_INIT -> { w.restartHogCount(); return; }
            case OWN_CODE -> { }
        }
        w.hogReported = true;
        reportHog(p, vt, stack, ran, blocked);
    }

    private static StackTraceElement[] stackOf(M m) {
        Thread vt = VirtualThreadHook.threadOf(m.lvCurCont());
        return vt == null ? new StackTraceElement[0] : vt.getStackTrace();
    }

    /** A goroutine that ran for a long time without yielding. */
    record Hog(long goid, int p, long ranMillis, boolean blocked, StackTraceElement[] stack) {
        String message() {
            String who = "go4j: goroutine " + (goid < 0 ? "?" : goid);
            return blocked
                    ? who + " has been blocked in a call for " + ranMillis + " ms, holding P" + p + "'s carrier"
                    : who + " has run " + ranMillis + " ms on P" + p + " without yielding";
        }
    }

    private void reportHog(P p, Thread vt, StackTraceElement[] stack, long ranNs, boolean blocked) {
        long goid = G.goidOf(vt);
        Hog hog = new Hog(goid, p.id, ranNs / 1_000_000, blocked, stack);
        JfrEvents.hog(hog, ranNs); // before it is listed: whoever sees the report finds the event recorded
        synchronized (hogs) {
            if (hogs.size() == 64) hogs.removeFirst();
            hogs.addLast(hog);
        }
        sched.hogReports.increment();
        if (printHogs) {
            StringBuilder sb = new StringBuilder(hog.message()).append('\n');
            for (StackTraceElement e : stack) sb.append("\tat ").append(e).append('\n');
            System.err.print(sb);
        }
    }

    List<Hog> hogs() {
        synchronized (hogs) {
            return new ArrayList<>(hogs);
        }
    }
}
