package go4j.agent;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * Decides which classes the agent instruments: by name (the JDK and go4j never; then the
 * {@code exclude} and {@code include} globs), by defining loader (not the boot or platform
 * loader, and one that can see {@code go4j/Go.class}, or the inserted call could not link) and,
 * for named modules, by whether the module may call {@code go4j.Go}.
 *
 * <p>Thread-safe: class loading happens on any thread, in parallel.
 */
final class ClassFilter {
    /** Name prefixes of the JDK's own classes, which are never instrumented. */
    private static final List<String> JDK_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
    /** go4j itself: the runtime (checkpoint must not poll itself), the agent and its shaded ASM. */
    private static final String GO4J_PREFIX = "go4j.";
    /** The class every inserted call names, as a resource its loader must be able to find. */
    private static final String GO_CLASS_RESOURCE = "go4j/Go.class";
    /** go4j-core's module name, when it is on the module path, and the package go4j.Go is in. */
    private static final String GO4J_MODULE = "go4j";
    private static final String GO4J_PACKAGE = "go4j";

    private final List<String> include;
    private final List<String> exclude;
    /** Written once per loader, then read: whether that loader sees go4j.Go. Guarded by itself. */
    private final Map<ClassLoader, Boolean> seesGo = new WeakHashMap<>();
    /** Told, about once per loader, of a loader whose classes cannot be instrumented. */
    private final Consumer<ClassLoader> onBlindLoader;

    /**
     * @param onBlindLoader called when a loader is first found not to see {@code go4j.Go}
     *     (rarely twice, if two threads ask at once)
     */
    ClassFilter(AgentOptions options, Consumer<ClassLoader> onBlindLoader) {
        this.include = options.include();
        this.exclude = options.exclude();
        this.onBlindLoader = onBlindLoader;
    }

    /** Whether a class with this (dotted) name is one to instrument, judged by its name alone. */
    boolean acceptsName(String className) {
        if (className.startsWith(GO4J_PREFIX)) return false;
        for (String prefix : JDK_PREFIXES) {
            if (className.startsWith(prefix)) return false;
        }
        for (String pattern : exclude) {
            if (globMatches(pattern, className)) return false;
        }
        if (include.isEmpty()) return true;
        for (String pattern : include) {
            if (globMatches(pattern, className)) return true;
        }
        return false;
    }

    /**
     * Whether classes defined by {@code loader} may be instrumented: not the boot loader
     * ({@code null}) nor the platform loader, and {@code go4j/Go.class} visible from it. The
     * answer is cached per loader; the first ask costs one resource lookup.
     */
    boolean acceptsLoader(ClassLoader loader) {
        if (loader == null || loader == ClassLoader.getPlatformClassLoader()) return false;
        synchronized (seesGo) {
            Boolean known = seesGo.get(loader);
            if (known != null) return known;
        }
        // Looked up outside the lock: a loader's getResource may load classes, which re-enters
        // the transformer on this thread. Two threads racing here compute the same answer.
        boolean sees = loader.getResource(GO_CLASS_RESOURCE) != null;
        synchronized (seesGo) {
            seesGo.put(loader, sees);
        }
        if (!sees) onBlindLoader.accept(loader);
        return sees;
    }

    /**
     * Whether a class of {@code module} may call {@code go4j.Go}: always from the unnamed module
     * (class path); from a named module only if it reads a module {@code go4j} that exports the
     * package {@code go4j} to it, or the inserted call would fail with
     * {@code IllegalAccessError}. {@code null} (no module given) counts as unnamed.
     */
    static boolean acceptsModule(Module module) {
        if (module == null || !module.isNamed()) return true;
        ModuleLayer layer = module.getLayer();
        if (layer == null) return false;
        return layer.findModule(GO4J_MODULE)
                .filter(go -> module.canRead(go) && go.isExported(GO4J_PACKAGE, module))
                .isPresent();
    }

    /**
     * Whether {@code name} matches {@code glob}, where {@code *} matches any run of characters
     * (dots included) and every other character matches itself. Greedy with backtracking to
     * the last star: linear in practice, never exponential.
     */
    static boolean globMatches(String glob, String name) {
        int g = 0, n = 0;
        int starG = -1, starN = 0; // the last star seen in glob, and where name stood then
        while (n < name.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                starG = g++;
                starN = n;
            } else if (g < glob.length() && glob.charAt(g) == name.charAt(n)) {
                g++;
                n++;
            } else if (starG >= 0) {
                g = starG + 1; // let the last star swallow one more character
                n = ++starN;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') g++;
        return g == glob.length();
    }
}
