package go4j.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The agent's options, parsed from the string after {@code -javaagent:go4j-agent.jar=}.
 *
 * <p>Grammar: comma-separated {@code key=value} items; a bare item (no {@code =}) adds one more
 * pattern to the {@code include} or {@code exclude} list named just before it, so
 * {@code include=com.acme.*,org.foo.*,exclude=com.acme.gen.*,entry=true} reads as two includes,
 * one exclude and entry checkpoints on. Keys may repeat; lists accumulate, flags take the last.
 *
 * <ul>
 *   <li>{@code include}: class-name globs ({@code *} matches any run of characters, dots
 *       included); when present, only matching classes are instrumented. Default: all
 *       application classes.
 *   <li>{@code exclude}: class-name globs never instrumented; they win over {@code include}.
 *   <li>{@code entry}: {@code true} adds a checkpoint at every method entry. Default {@code false}.
 *   <li>{@code sites}: {@code false} stops recording where channels and sync primitives are
 *       made (for leak reports). Default {@code true}; {@code -Dgo4j.primitiveSites=off} also
 *       turns it off.
 *   <li>{@code verbose}: {@code true} prints one line per instrumented class to stderr.
 *   <li>{@code chunk}: most iterations of a counted loop between two checkpoints (its loops
 *       are strip-mined, {@link StripMiner}); {@code 0} or {@code 1} puts a checkpoint on every
 *       back-edge instead. Default 4096 ({@code StripMiner.DEFAULT_CHUNK}).
 * </ul>
 *
 * @param include class-name globs to instrument; empty means every application class
 * @param exclude class-name globs never to instrument
 * @param entry   whether method entries get a checkpoint too
 * @param sites   whether primitives made record their creation site
 * @param verbose whether to print one line per instrumented class to stderr
 * @param chunk   most iterations of a counted loop per checkpoint; below 2, one per iteration
 */
public record AgentOptions(List<String> include, List<String> exclude, boolean entry, boolean sites, boolean verbose,
                           int chunk) {

    /** The options with nothing given: every application class, back-edges only, sites recorded, quiet. */
    public static final AgentOptions DEFAULTS = new AgentOptions(List.of(), List.of(), false, true, false);

    /** Options with the default chunk. */
    public AgentOptions(List<String> include, List<String> exclude, boolean entry, boolean sites, boolean verbose) {
        this(include, exclude, entry, sites, verbose, StripMiner.DEFAULT_CHUNK);
    }

    /** Copies the lists: options are immutable. */
    public AgentOptions {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /**
     * Parses an agent argument string; {@code null} or blank gives {@link #DEFAULTS}.
     *
     * @throws IllegalArgumentException naming the offending item, for an unknown key, a flag
     *     that is not {@code true}/{@code false}, a bad pattern, or a bare item with no list
     *     before it
     */
    public static AgentOptions parse(String args) {
        List<String> include = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        boolean entry = false;
        boolean sites = !"off".equals(System.getProperty("go4j.primitiveSites"));
        boolean verbose = false;
        int chunk = StripMiner.DEFAULT_CHUNK;
        List<String> lastList = null; // the list a bare item continues
        if (args != null) {
            for (String raw : args.split(",", -1)) {
                String item = raw.trim();
                if (item.isEmpty()) continue;
                int eq = item.indexOf('=');
                if (eq < 0) {
                    if (lastList == null) {
                        throw new IllegalArgumentException("go4j-agent: expected key=value, got \"" + item
                                + "\" (keys: include, exclude, entry, sites, verbose, chunk)");
                    }
                    lastList.add(checkPattern(item));
                    continue;
                }
                String key = item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = item.substring(eq + 1).trim();
                switch (key) {
                    case "include" -> { lastList = include; if (!value.isEmpty()) include.add(checkPattern(value)); }
                    case "exclude" -> { lastList = exclude; if (!value.isEmpty()) exclude.add(checkPattern(value)); }
                    case "entry" -> { lastList = null; entry = parseFlag(key, value); }
                    case "sites" -> { lastList = null; sites = parseFlag(key, value) && sites; }
                    case "verbose" -> { lastList = null; verbose = parseFlag(key, value); }
                    case "chunk" -> { lastList = null; chunk = parseChunk(value); }
                    default -> throw new IllegalArgumentException("go4j-agent: unknown option \"" + key
                            + "\" (keys: include, exclude, entry, sites, verbose, chunk)");
                }
            }
        }
        return new AgentOptions(include, exclude, entry, sites, verbose, chunk);
    }

    private static int parseChunk(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0 && n <= 1 << 24) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("go4j-agent: chunk must be a whole number from 0 to " + (1 << 24)
                + " (iterations per checkpoint; 0: one per iteration), got \"" + value + "\"");
    }

    private static boolean parseFlag(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(
                    "go4j-agent: " + key + " must be true or false, got \"" + value + "\"");
        };
    }

    /** A pattern is a class name (dots, or slashes read as dots) with {@code *} wildcards. */
    private static String checkPattern(String pattern) {
        String dotted = pattern.replace('/', '.');
        for (int i = 0; i < dotted.length(); i++) {
            char c = dotted.charAt(i);
            if (c != '*' && c != '.' && !Character.isJavaIdentifierPart(c)) {
                throw new IllegalArgumentException("go4j-agent: bad class-name pattern \"" + pattern
                        + "\" (a class name with * wildcards, e.g. com.acme.*)");
            }
        }
        return dotted;
    }
}
