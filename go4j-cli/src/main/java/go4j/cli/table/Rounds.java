package go4j.cli.table;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.DoubleSupplier;

/** Warm-up rounds, then the median of measured rounds. */
final class Rounds {
    private Rounds() {}

    /** At most this many warm-up rounds wait for the JIT to settle ({@link #median(Settings, DoubleSupplier)}). */
    static final int MAX_WARMUPS = 20;

    /**
     * Runs {@code round} unmeasured {@code s.warmups()} times, and then on until a round during
     * which no JIT compilation finished (at most {@link #MAX_WARMUPS} in all; {@code --quick}
     * does not wait); then returns the median of {@code s.rounds()} runs. Every column warms up
     * by the same rule, each to its own steady state: the JDK's spawn path settled in 3-5 rounds
     * of 100,000, go4j's longer path in 8-12, and a fixed two rounds measured go4j's compiler
     * still at work (the Creation row: 636 ns against 270-300 steady).
     */
    static double median(Settings s, DoubleSupplier round) {
        for (int i = 0; i < s.warmups(); i++) round.getAsDouble();
        if (!s.quick()) {
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
                for (int i = s.warmups(); i < MAX_WARMUPS; i++) {
                    long before = jit.getTotalCompilationTime();
                    round.getAsDouble();
                    if (jit.getTotalCompilationTime() == before) break;
                }
            }
        }
        return median(0, s.rounds(), round);
    }

    /** Runs {@code round} {@code warmups} times unmeasured, then returns the median of {@code rounds} runs. */
    static double median(int warmups, int rounds, DoubleSupplier round) {
        for (int i = 0; i < warmups; i++) round.getAsDouble();
        double[] xs = new double[rounds];
        for (int i = 0; i < rounds; i++) xs[i] = round.getAsDouble();
        return median(xs);
    }

    /** The median of {@code xs} (mean of the middle two for an even count). */
    static double median(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
