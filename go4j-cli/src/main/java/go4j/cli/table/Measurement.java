package go4j.cli.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cell of the table: what one flavor measured for one row. {@code text} is what the text
 * table prints; {@code values} are the numbers behind it, by name, in the order they were added
 * (the JSON output prints both). Every measured number is positive; a cell with no numbers is
 * derived text ("kernel") or not applicable.
 *
 * @param text   the cell as printed
 * @param values named numbers (units in the name: {@code nsPerSpawn}, {@code heapBytesPerThread})
 */
public record Measurement(String text, Map<String, Double> values) {

    public Measurement {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A cell of text alone. */
    public static Measurement text(String text) { return new Measurement(text, Map.of()); }

    /** A cell holding one number, printed by {@code text}. */
    public static Measurement of(String text, String name, double value) {
        return new Measurement(text, Map.of(name, value));
    }

    /** A builder for cells with several numbers. */
    public static Builder builder() { return new Builder(); }

    /** Collects named numbers in order, then the text. */
    public static final class Builder {
        private final LinkedHashMap<String, Double> values = new LinkedHashMap<>();

        /** Adds a named number. */
        public Builder value(String name, double value) { values.put(name, value); return this; }

        /** The finished cell. */
        public Measurement text(String text) { return new Measurement(text, values); }
    }

    /** Nanoseconds for humans: {@code 850 ns}, {@code 12.3 us}, {@code 4.1 ms}. */
    public static String nanos(double ns) {
        if (ns < 1_000) return String.format("%.0f ns", ns);
        if (ns < 1_000_000) return String.format("%.1f us", ns / 1e3);
        return String.format("%.1f ms", ns / 1e6);
    }

    /** Bytes for humans: {@code 612 B}, {@code 2.7 KB}, {@code 1.0 MB} (powers of 1024). */
    public static String bytes(double b) {
        double a = Math.abs(b);
        if (a < 1024) return String.format("%.0f B", b);
        if (a < 1024 * 1024) return String.format("%.1f KB", b / 1024);
        return String.format("%.1f MB", b / (1024 * 1024));
    }
}
