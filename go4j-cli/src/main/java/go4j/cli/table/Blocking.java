package go4j.cli.table;

import java.util.List;

/**
 * The "Blocking I/O" and "Blocking CPU" rows: with one processor, how long does a thread blocked
 * in a native call, or two threads in CPU loops, keep a ticker thread from running? Measured by
 * {@link TickerGap}: the largest gap between the wake-ups of a ticker sleeping 10 ms.
 * <ul>
 *   <li>OS threads: in this JVM; the kernel schedules them (no parallelism to set).</li>
 *   <li>JDK virtual threads: in a child JVM with {@code -Djdk.virtualThreadScheduler.parallelism=1},
 *       since the default scheduler's parallelism is fixed at JVM start.</li>
 *   <li>go4j: in this JVM with {@code Go.gomaxprocs(1)}; the native call is not declared with
 *       {@code Go.syscall}, so only sysmon's handoff can help; the CPU loops pass
 *       {@code Go.checkpoint()} each iteration, as the preemption agent would make them (the agent
 *       does not instrument go4j's own classes, so the table calls it explicitly).</li>
 * </ul>
 */
public final class Blocking implements Aspect {
    private final TickerGap.Blocker blocker;

    private Blocking(TickerGap.Blocker blocker) { this.blocker = blocker; }

    /** The row of a goroutine in a blocking native call. */
    public static Blocking io() { return new Blocking(TickerGap.Blocker.IO); }

    /** The row of goroutines in CPU-bound loops. */
    public static Blocking cpu() { return new Blocking(TickerGap.Blocker.CPU); }

    @Override public String name() { return blocker == TickerGap.Blocker.IO ? "Blocking I/O" : "Blocking CPU"; }

    @Override public String claimOs() {
        return blocker == TickerGap.Blocker.IO ? "Blocks the thread" : "Other threads still run";
    }

    @Override public String claimGoroutine() {
        return blocker == TickerGap.Blocker.IO ? "Runtime parks goroutine, reuses thread" : "Can starve other goroutines on that P";
    }

    /** The block lasts 500 ms; only the hidden {@code --scale} below 1 (tests) shortens it, to no less than 100 ms. */
    static int blockMs(Settings s) {
        double scale = s.quick() ? s.scale() * 10 : s.scale();
        return (int) Math.max(100, Math.min(500, Math.round(500 * scale)));
    }

    @Override
    public Row measure(Settings s) {
        int ms = blockMs(s);
        int rounds = s.heavyRounds();
        double os = TickerGap.medianGapMs(Flavor.OS_THREAD, blocker, ms, rounds);
        String child = ChildJvm.run(List.of("-Djdk.virtualThreadScheduler.parallelism=1"), TickerGap.class,
                Flavor.JDK_VIRTUAL.key(), blocker.name().toLowerCase(), Integer.toString(ms), Integer.toString(rounds));
        double vt = ChildJvm.figure(child, blocker.metric);
        double go = TickerGap.medianGapMs(Flavor.GO4J, blocker, ms, rounds);
        String what = blocker == TickerGap.Blocker.IO
                ? "another thread sits " + ms + " ms in libc usleep (an FFM downcall, not declared with Go.syscall)"
                : "two threads run CPU loops for " + ms + " ms (go4j: Go.checkpoint() called in the loop body, "
                        + "as the agent would insert; the agent does not instrument go4j's own classes)";
        return Row.measured(this, cell(os), cell(vt), cell(go),
                String.format("largest gap between wake-ups of a ticker sleeping %d ms while %s; parallelism 1: "
                        + "JDK virtual threads in a child JVM with -Djdk.virtualThreadScheduler.parallelism=1, "
                        + "go4j with Go.gomaxprocs(1), OS threads as the kernel runs them; median of %d round%s",
                        TickerGap.TICK_MS, what, rounds, rounds == 1 ? "" : "s"));
    }

    private static Measurement cell(double gapMs) {
        return Measurement.of(String.format("largest tick gap %.0f ms", gapMs), "largestGapMs", gapMs);
    }
}
