package go4j.runtime;

import go4j.Leak;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What Go's {@code runtime} package offers besides starting goroutines, for the process-wide
 * runtime: the face {@code go4j.Go} calls. Each call goes to the file that owns the role
 * ({@link LockedMs}, {@link Handoff}, {@link SchedTrace}, {@link LeakDetector}, {@link Traceback},
 * {@link GoroutineProfile}); starting and yielding goroutines are {@link Sched}'s hot path. Tests
 * that build their own {@code Sched} call the role files directly.
 */
public final class GoRuntime {
    private GoRuntime() {}

    private static Sched sched() { return Schedinit.sched(); }

    /** Go's LockOSThread (calls nest); see {@link LockedMs}. */
    public static void lockOSThread() { sched().locked.lockOSThread(); }

    /** Undoes one lockOSThread; extra calls are ignored, as in Go. */
    public static void unlockOSThread() { sched().locked.unlockOSThread(); }

    /** Runs a call that blocks the carrier, with the P handed off around it (see {@link Handoff#entersyscall}). */
    public static <T> T syscall(Callable<T> call) throws Exception { return sched().handoff.syscall(call); }

    /** The number of Ps. */
    public static int gomaxprocs() { return sched().gomaxprocs(); }

    /** Go's GOMAXPROCS: sets the number of Ps, returning the previous one (see {@link Handoff#procresize}). */
    public static int gomaxprocs(int n) { return sched().handoff.procresize(n); }

    /** Go's debug.SetMaxThreads: the cap on Ms; returns the previous value. */
    public static int setMaxThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("max threads must be >= 1: " + n);
        Sched s = sched();
        int old = s.maxThreads;
        s.maxThreads = n;
        return old;
    }

    /**
     * Goroutines that exist: created and not ended, leaked ones included (a leaked goroutine was
     * collected, but as in Go it never ended, so it still counts). See {@link Allgs#size}.
     */
    public static long numGoroutine() { return sched().allgs.size(); }

    /** Whether goroutines run on go4j's scheduler (false: the JDK's default one). */
    public static boolean isCustom() { return sched().custom; }

    /** Runs a full GC and returns the goroutines it proved leaked, so far. */
    public static List<Leak> leaks() { return sched().leakDetector.collect(); }

    /** Null while leak detection works; else why it cannot. */
    public static String leakDetectionOff() { return sched().leakDetector.off; }

    /** Turns the one-line stderr warning per leaked goroutine on or off. */
    public static void setLeakWarnings(boolean on) { sched().leakDetector.warn = on; }

    /** Go's runtime.Stack: the calling goroutine's traceback, or every goroutine's. */
    public static String stack(boolean all) { return Traceback.dump(sched(), all); }

    /** Go's goroutine profile as gzipped pprof protobuf (see {@link GoroutineProfile}). */
    public static void profile(OutputStream out) throws IOException { GoroutineProfile.writePprof(sched(), out); }

    /** Sysmon's reports of goroutines that ran too long without a checkpoint. */
    public static List<String> hogs() { return SchedTrace.hogs(sched()); }

    /** One line in the form of Go's schedtrace, plus per-P steal counts (see {@link SchedTrace}). */
    public static String schedtrace() { return SchedTrace.line(sched()); }
}
