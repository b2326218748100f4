package go4j.cli.table;

import java.util.Map;

/**
 * One printed row: the aspect, the seed's claims, and one measurement per flavor.
 *
 * @param aspect         what is compared ("Creation cost")
 * @param claimOs        the seed's claim for OS threads
 * @param claimGoroutine the seed's claim for goroutines
 * @param measured       false for rows that print "not measured yet"
 * @param cells          one cell per {@link Flavor}; empty when not measured
 * @param note           how it was measured (sizes, method); printed under the row
 */
public record Row(String aspect, String claimOs, String claimGoroutine, boolean measured,
                  Map<Flavor, Measurement> cells, String note) {

    public Row {
        cells = Map.copyOf(cells);
        if (measured && cells.size() != Flavor.values().length) {
            throw new IllegalArgumentException(aspect + ": a measured row needs a cell per flavor");
        }
    }

    /** A measured row. */
    public static Row measured(Aspect a, Measurement os, Measurement virtual, Measurement go4j, String note) {
        return new Row(a.name(), a.claimOs(), a.claimGoroutine(), true,
                Map.of(Flavor.OS_THREAD, os, Flavor.JDK_VIRTUAL, virtual, Flavor.GO4J, go4j), note);
    }

    /** The cell of {@code f}, or {@code null} when the row is not measured. */
    public Measurement cell(Flavor f) { return cells.get(f); }
}
