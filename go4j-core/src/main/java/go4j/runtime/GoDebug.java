package go4j.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * go4j's {@code GODEBUG}: comma-separated {@code key=value} settings, from the environment variable
 * {@code GO4J_DEBUG} and from the system property {@code -Dgo4j.debug=} (same syntax, for where an
 * environment variable is awkward to set). A key set in both takes the property's value: it is
 * the more local of the two, as a {@code -D} flag usually is. Keys:
 *
 * <table>
 * <caption>GO4J_DEBUG keys</caption>
 * <tr><th>key</th><th>value</th><th>effect</th></tr>
 * <tr><td>{@code schedtrace}</td><td>milliseconds, &ge; 0</td><td>prints {@link Sched#schedtrace()}
 *     to stderr that often (0: never), as Go's {@code schedtrace}</td></tr>
 * </table>
 *
 * <p>An unknown key, a bad value or a part that is not {@code key=value} is ignored with one
 * warning line on stderr ({@code go4j: GO4J_DEBUG: unknown key scheddetail}), so a typo does not
 * pass for a setting that took effect. A new key is one more entry in {@link Keys#ALL}.
 */
final class GoDebug {
    static final String ENV = "GO4J_DEBUG";
    static final String PROPERTY = "go4j.debug";

    /** A known key: its name, the values it takes (said in the warning), and its parser (null: a bad value). */
    private record Key(String name, String want, Function<String, Object> parse) {}

    /** The known keys; a holder, so that a run that sets none never spins their parsers' method references. */
    private static final class Keys {
        static final List<Key> ALL = List.of(
                new Key("schedtrace", "a whole number of milliseconds >= 0", GoDebug::nonNegativeLong));
    }

    private static final GoDebug NONE = new GoDebug(Map.of());

    /** Parsed values of the keys that were set, by name. Immutable. */
    private final Map<String, Object> values;

    private GoDebug(Map<String, Object> values) {
        this.values = values;
    }

    /** The settings of this process: {@code GO4J_DEBUG}, then {@code -Dgo4j.debug} over it; warnings on stderr. */
    static GoDebug load() {
        String env = System.getenv(ENV), property = System.getProperty(PROPERTY);
        if (env == null && property == null) return NONE; // the usual case, on the first go statement's path: no lambdas
        Consumer<String> stderr = System.err::println;
        return parse(env, ENV, stderr).overriddenBy(parse(property, "-D" + PROPERTY, stderr));
    }

    /**
     * Parses one setting string ({@code null}: nothing set); each problem is passed to {@code warn}
     * as one line naming {@code source}.
     */
    static GoDebug parse(String setting, String source, Consumer<String> warn) {
        if (setting == null || setting.isBlank()) return NONE;
        Map<String, Object> values = new HashMap<>();
        for (String part : setting.split(",")) {
            part = part.trim();
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            if (eq < 0) {
                warn.accept("go4j: " + source + ": ignoring \"" + part + "\" (want key=value)");
                continue;
            }
            String name = part.substring(0, eq).trim(), value = part.substring(eq + 1).trim();
            Key key = Keys.ALL.stream().filter(k -> k.name.equals(name)).findFirst().orElse(null);
            if (key == null) {
                warn.accept("go4j: " + source + ": unknown key " + name);
                continue;
            }
            Object parsed = key.parse.apply(value);
            if (parsed == null) {
                warn.accept("go4j: " + source + ": bad value " + name + "=" + value + " (want " + key.want + ")");
                continue;
            }
            values.put(name, parsed);
        }
        return values.isEmpty() ? NONE : new GoDebug(Map.copyOf(values));
    }

    /** These settings with {@code other}'s keys replacing ours. */
    GoDebug overriddenBy(GoDebug other) {
        if (other.values.isEmpty()) return this;
        if (values.isEmpty()) return other;
        Map<String, Object> merged = new HashMap<>(values);
        merged.putAll(other.values);
        return new GoDebug(Map.copyOf(merged));
    }

    /** {@code schedtrace}'s period in milliseconds; 0 when unset (off). */
    long schedtraceMs() {
        return (Long) values.getOrDefault("schedtrace", 0L);
    }

    /** The parsed values by key, for tests. */
    Map<String, Object> values() {
        return values;
    }

    private static Object nonNegativeLong(String s) {
        try {
            long n = Long.parseLong(s);
            return n >= 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
