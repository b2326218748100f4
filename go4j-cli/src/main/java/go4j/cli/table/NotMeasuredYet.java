package go4j.cli.table;

import java.util.Map;

/**
 * A row whose measurement comes with later work (it needs features not built yet): prints the
 * seed's claims and "not measured yet". Replace the entry in {@link Aspects#ALL} by the measuring
 * class when it exists.
 *
 * @param name           the row's name
 * @param claimOs        the seed's claim for OS threads
 * @param claimGoroutine the seed's claim for goroutines
 * @param waitsFor       what the measurement needs, printed as the row's note
 */
public record NotMeasuredYet(String name, String claimOs, String claimGoroutine, String waitsFor)
        implements Aspect {

    @Override
    public Row measure(Settings settings) {
        return new Row(name, claimOs, claimGoroutine, false, Map.of(), "waits for " + waitsFor);
    }
}
