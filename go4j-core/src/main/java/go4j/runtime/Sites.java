package go4j.runtime;

/**
 * Creation sites of goroutines ("created by Foo.main(Foo.java:12)"), recorded cheaply.
 *
 * <p>Walking the stack on every {@code go(...)} would cost microseconds. But every lambda or
 * method-reference expression in a program has its own class, so the site of a body is a property
 * of the body's class: it is looked up once per class ({@link ClassValue}) and costs a map read
 * afterwards. A named {@code Runnable} class used at several sites reports the first site seen.
 * The wrappers go4j itself puts around a body ({@code WaitGroup.go}...) are looked through.
 * {@code -Dgo4j.creationSites=false} turns the recording off.
 */
final class Sites {
    private Sites() {}

    static final boolean ENABLED = !"false".equals(System.getProperty("go4j.creationSites"));

    private static final StackWalker WALKER = StackWalker.getInstance();

    private static final ClassValue<String> BY_BODY_CLASS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return firstFrameOutside(MACHINERY);
        }
    };

    /**
     * For a body made by go4j's own machinery ({@code WaitGroup.go}, {@code ErrGroup.go},
     * {@code Go.run}, the executor...), the captured field holding the user's body: one wrapper
     * lambda class serves every call site, so the site is the wrapped body's class's.
     */
    private static final ClassValue<java.lang.reflect.Field> WRAPPED = new ClassValue<>() {
        @Override
        protected java.lang.reflect.Field computeValue(Class<?> type) {
            if (!isMachinery(type.getName(), MACHINERY)) return null;
            return VirtualThreadHook.capturedField(type,
                    f -> f.getType().isInterface() && !java.lang.reflect.Modifier.isStatic(f.getModifiers()));
        }
    };

    /** The site of the go statement that starts {@code body}, or null when not recorded. */
    static String of(Runnable body) {
        if (!ENABLED) return null;
        Object b = body;
        for (int depth = 0; depth < 3; depth++) { // a wrapper of a wrapper (Go.run of a WaitGroup body) is rare; stop soon
            java.lang.reflect.Field f = WRAPPED.get(b.getClass());
            if (f == null) break;
            Object inner;
            try {
                inner = f.get(b);
            } catch (IllegalAccessException e) {
                break;
            }
            if (inner == null) break;
            b = inner;
        }
        return BY_BODY_CLASS.get(b.getClass());
    }

    /**
     * The first frame of the calling stack that is neither the JDK's nor of a class in
     * {@code machinery} (nested classes count as their outer class), as a stack trace prints it.
     * Also how {@link PrimitiveSites} walks, with its own machinery.
     */
    static String firstFrameOutside(java.util.Set<String> machinery) {
        return WALKER.walk(new FirstOutside(machinery));
    }

    /**
     * The walk of {@link #firstFrameOutside}, as a class rather than a stream pipeline of lambdas:
     * the first go statement of a program walks, and in a fresh JVM each lambda costs
     * milliseconds to spin.
     */
    private record FirstOutside(java.util.Set<String> machinery)
            implements java.util.function.Function<java.util.stream.Stream<StackWalker.StackFrame>, String> {
        @Override
        public String apply(java.util.stream.Stream<StackWalker.StackFrame> frames) {
            for (java.util.Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                StackWalker.StackFrame fr = it.next();
                if (!isMachinery(fr.getClassName(), machinery)) return fr.toStackTraceElement().toString();
            }
            return null;
        }
    }

    /** Classes whose frames are the machinery of a go statement, not its site. */
    private static final java.util.Set<String> MACHINERY = java.util.Set.of(
            "go4j.runtime.Sched", "go4j.runtime.Sites", "go4j.Go", "go4j.sync.WaitGroup", "go4j.sync.ErrGroup",
            "go4j.GoroutineExecutor", "go4j.GoroutineThreadFactory", "go4j.context.Context", "go4j.time.Timers", "go4j.runtime.Bubble",
            "go4j.synctest.Synctest");

    private static boolean isMachinery(String cls, java.util.Set<String> machinery) {
        if (cls.startsWith("java.")) return true;
        int nested = cls.indexOf('$');
        return machinery.contains(nested < 0 ? cls : cls.substring(0, nested));
    }
}
