package go4j.cli.table;

import java.util.Map;

/**
 * One printed row: the aspect, the usual claims, and one measurement per flavor.
 *
 * @param aspect         what is compared ("Creation cost")
 * @param claimOs        the usual claim for OS threads (see {@link Aspect#claimOs})
 * @param claimGoroutine the usual claim for goroutines
 * @param cells          one cell per {@link Flavor}
 * @param note           how it was measured (sizes, method); printed under the row
 */
public record Row(String aspect, String claimOs, String claimGoroutine,
                  Map<Flavor, Measurement> cells, String note) {

    public Row {
        cells = Map.copyOf(cells);
        if (cells.size() != Flavor.values().length) {
            throw new IllegalArgumentException(aspect + ": a row needs a cell per flavor");
        }
    }

    /** A measured row. */
    public static Row measured(Aspect a, Measurement os, Measurement virtual, Measurement go4j, String note) {
        return new Row(a.name(), a.claimOs(), a.claimGoroutine(),
                Map.of(Flavor.OS_THREAD, os, Flavor.JDK_VIRTUAL, virtual, Flavor.GO4J, go4j), note);
    }

    /** The cell of {@code f}. */
    public Measurement cell(Flavor f) { return cells.get(f); }
}
