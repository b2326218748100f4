package go4j.cli.table;

/**
 * One aspect of the comparison: a row of the table. Implementations are stateless; all sizes
 * come from the {@link Settings} passed to {@link #measure}.
 */
public interface Aspect {
    /** The row's name, as in the classic "OS thread vs goroutine" table ("Creation cost"). */
    String name();

    /**
     * The usual claim for OS threads: what the classic "OS thread vs goroutine" comparison table
     * says ({@code "-"} for a row it does not have).
     */
    String claimOs();

    /** The usual claim for goroutines, from the same table ({@code "-"} for a row it does not have). */
    String claimGoroutine();

    /** Measures the row on this machine: one cell per {@link Flavor}. */
    Row measure(Settings settings);
}
