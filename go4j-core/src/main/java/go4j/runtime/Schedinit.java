package go4j.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * The process-wide scheduler (Go's {@code schedinit}): created on first use, sized by
 * {@code GO4J_MAXPROCS} or {@code -Dgo4j.maxprocs} (else the CPUs the container allows), with
 * dead-program detection, {@code GO4J_DEBUG=schedtrace} and the management bean. Schedulers that
 * tests build for themselves have none of these, and can be {@linkplain #close closed}.
 */
final class Schedinit {
    private Schedinit() {}

    /** {@code GO4J_DEBUG=schedtrace=N} of the process-wide runtime, for {@link #bringUp}; 0 when not set. */
    private static long schedtraceMs;

    private static final class Default {
        static final Sched INSTANCE = create();
    }

    /** The scheduler {@code go4j.Go} uses. */
    static Sched sched() { return Default.INSTANCE; }

    private static Sched create() {
        int procs = Runtime.getRuntime().availableProcessors(); // container-aware
        procs = intSetting(System.getenv("GO4J_MAXPROCS"), "GO4J_MAXPROCS", procs);
        procs = intSetting(System.getProperty("go4j.maxprocs"), "-Dgo4j.maxprocs", procs);
        boolean custom = VirtualThreadHook.AVAILABLE;
        if (!custom) {
            System.err.println("go4j: warning: the JDK's virtual-thread scheduler hook is not reachable ("
                    + "run with --add-opens java.base/java.lang=" + openTo() + "); goroutines run on the JDK's default scheduler");
        }
        // Before the runtime exists: its sysmon, started by the constructor, reads it (Thread.start orders the two).
        schedtraceMs = GoDebug.load().schedtraceMs(); // GO4J_DEBUG and -Dgo4j.debug; warns on bad ones, at once
        Sched s = new Sched(procs, RunQueue.DEFAULT_CAPACITY, custom, true);
        if (!custom) bringUp(s); // no sysmon to do it
        return s;
    }

    /**
     * What the process-wide runtime needs soon, but not before its first goroutine runs: the leak
     * watcher, the dead-program check, the schedtrace printer, the management bean. Sysmon does it
     * as it starts ({@link Sysmon#run}), so that a fresh JVM's first go statement does not wait for
     * their classes (~5-8 ms on its path).
     */
    static void bringUp(Sched s) {
        s.leakDetector.start();
        Checkdead.checker = s.sysmon;
        if (schedtraceMs > 0) SchedTrace.start(s, schedtraceMs);
        RuntimeMBean.Registration.start(s);
    }

    /**
     * Stops a test's runtime: sysmon and the leak watcher end now; each M ends when it next has
     * nothing to run (one inside a goroutine finishes that run first); no new M starts, so
     * goroutines readied from now on never run. Idempotent. The process-wide runtime cannot be
     * closed: the program's goroutines run on it.
     */
    static void close(Sched s) {
        if (s.checksDead) throw new IllegalStateException("the process-wide runtime cannot be closed");
        if (s.closed) return;
        s.closed = true;
        s.sysmon.stop();
        s.leakDetector.stop();
        M[] idleMs;
        s.lock.lock();
        try {
            idleMs = s.idle.mdrain();
        } finally {
            s.lock.unlock();
        }
        for (M m : idleMs) LockSupport.unpark(m); // each sees closed in awaitP and ends
        for (Thread m : SchedTrace.threads(s)) LockSupport.unpark(m); // and a locked M waiting for its goroutine
    }

    /**
     * Initialises the JDK's virtual-thread machinery ({@code VirtualThread}'s static state, its
     * default scheduler, the thread containers: ~15 ms of a fresh JVM) on a short-lived helper
     * thread, while the first go statement loads go4j's own classes (~20 ms): otherwise the two
     * run one after the other on its path. The first virtual thread made waits for whatever is
     * not done yet; nothing is done twice.
     */
    static void warmUpJdk() {
        Thread t = new Thread(null, new WarmUp(), "go4j-warmup", 0, false);
        t.setDaemon(true);
        t.start();
    }

    private static final class WarmUp implements Runnable { // not a lambda: none is spun before the first goroutine
        @Override
        public void run() {
            try {
                Class.forName("java.lang.VirtualThread", true, null);
            } catch (ClassNotFoundException | LinkageError e) {
                // the first virtual thread will report it
            }
        }
    }

    /** Who must be given java.lang: the module go4j on the module path, ALL-UNNAMED on the class path. */
    static String openTo() {
        Module m = Sched.class.getModule();
        return m.isNamed() ? m.getName() : "ALL-UNNAMED";
    }

    private static int intSetting(String value, String name, int fallback) {
        if (value == null || value.isBlank()) return fallback;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // fall through to the warning
        }
        System.err.println("go4j: ignoring " + name + "=" + value + " (want a whole number >= 1)");
        return fallback;
    }
}
