package go4j.cli.table;

/**
 * How hard the table measures: warm-up rounds, measured rounds, and a scale applied to every
 * size. Immutable.
 *
 * @param quick   {@code --quick}: few rounds and small sizes, a few seconds in all
 * @param scale   multiplies every base size (the hidden {@code --scale}, for tests)
 * @param warmups rounds run and thrown away before measuring
 * @param rounds  rounds measured; a row reports their median
 */
public record Settings(boolean quick, double scale, int warmups, int rounds) {

    public Settings {
        if (!(scale > 0)) throw new IllegalArgumentException("scale must be > 0: " + scale);
        if (warmups < 0 || rounds < 1) throw new IllegalArgumentException("need warmups >= 0 and rounds >= 1");
    }

    /** The settings of a plain run ({@code quick = false}) or of {@code --quick}, times {@code scale}. */
    public static Settings of(boolean quick, double scale) {
        return quick ? new Settings(true, 0.1 * scale, 1, 3) : new Settings(false, scale, 2, 5);
    }

    /**
     * Measured rounds for slow, steady measurements (memory: full GCs around N parked threads):
     * at most 3, one under {@code --quick}. They warm up their own way (see {@code ParkedMemory}).
     */
    public int heavyRounds() { return quick ? 1 : Math.min(3, rounds); }

    /** The same settings with {@code factor} times the measured rounds, for cheap rounds whose spread is wide. */
    public Settings moreRounds(int factor) {
        return new Settings(quick, scale, warmups, rounds * factor);
    }

    /** {@code base} scaled, never below {@code min}: sizes below it would measure noise. */
    public int n(int base, int min) {
        return (int) Math.max(min, Math.round(base * scale));
    }
}
