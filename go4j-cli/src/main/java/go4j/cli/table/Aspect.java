package go4j.cli.table;

/**
 * One aspect of the comparison: a row of the table. Implementations are stateless; all sizes
 * come from the {@link Settings} passed to {@link #measure}.
 */
public interface Aspect {
    /** The row's name, as in the seed table ("Creation cost"). */
    String name();

    /** The seed's claim for OS threads ({@code "—"} when the seed has no such row). */
    String claimOs();

    /** The seed's claim for goroutines ({@code "—"} when the seed has no such row). */
    String claimGoroutine();

    /** Measures the row on this machine: one cell per {@link Flavor}. */
    Row measure(Settings settings);
}
