package go4j.cli.table;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/** Warm-up rounds, then the median of measured rounds. */
final class Rounds {
    private Rounds() {}

    /** Runs {@code round} {@code s.warmups()} times unmeasured, then returns the median of {@code s.rounds()} runs. */
    static double median(Settings s, DoubleSupplier round) {
        return median(s.warmups(), s.rounds(), round);
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
