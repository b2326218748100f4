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

    /** A body class whose site was not found (no frame outside the machinery). */
    private static final Object NO_SITE = new Object();

    /**
     * What a body's class says, looked up once per class: for a body made by go4j's own
     * machinery ({@code WaitGroup.go}, {@code ErrGroup.go}, the executor...), the captured field
     * holding the user's body (one wrapper lambda class serves every call site, so the site is the
     * wrapped body's class's; {@code Go.run}'s wrapper is a {@link WrappedBody} and says it);
     * else the site: the first frame outside the machinery when the class is first seen, as a
     * {@code String}, or {@link #NO_SITE}. One map read per spawn.
     */
    private static final ClassValue<Object> BY_BODY_CLASS = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            if (isMachinery(type.getName())) {
                java.lang.reflect.Field f = VirtualThreadHook.capturedField(type,
                        x -> x.getType().isInterface() && !java.lang.reflect.Modifier.isStatic(x.getModifiers()));
                if (f != null) return f;
            }
            String site = firstOutside(new Throwable().getStackTrace());
            return site == null ? NO_SITE : site;
        }
    };

    /** The site of the go statement that starts {@code body}, or null when not recorded. */
    static String of(Runnable body) {
        if (!ENABLED) return null;
        Object b = body instanceof WrappedBody w ? w.body() : body;
        for (int depth = 0; ; depth++) {
            Object what = BY_BODY_CLASS.get(b.getClass());
            if (what instanceof String site) return site;
            if (!(what instanceof java.lang.reflect.Field f) || depth == 3) return null; // a wrapper of a wrapper of a wrapper: rare, stop
            Object inner;
            try {
                inner = f.get(b);
            } catch (IllegalAccessException e) {
                return null;
            }
            if (inner == null) return null;
            b = inner;
        }
    }

    /**
     * The first frame of the calling stack that is neither the JDK's nor of a class in
     * {@link #MACHINERY} (nested classes count as their outer class), as a stack trace prints it.
     * How {@link PrimitiveSites} walks, on every make: the JDK's StackWalker stops at that frame.
     */
    static String firstFrameOutside() {
        return Walker.WALKER.walk(FirstOutside.INSTANCE);
    }

    /**
     * The same frame, from a whole stack trace: how a body class's site is found, once per class.
     * Not the StackWalker: the first go statement of a fresh JVM finds a site, and a StackWalker's
     * first walk costs a fresh JVM 5-20 ms (its stream and method-handle machinery), a Throwable's
     * stack trace ~0.2 ms.
     */
    private static String firstOutside(StackTraceElement[] trace) {
        for (StackTraceElement e : trace) {
            String cls = e.getClassName();
            if (!isMachinery(cls) && !cls.startsWith("jdk.internal.reflect.")) return e.toString(); // as StackWalker skips reflection
        }
        return null;
    }

    /** A holder: loading StackWalker is part of the cost above. */
    private static final class Walker {
        static final StackWalker WALKER = StackWalker.getInstance();
    }

    /**
     * The walk of {@link #firstFrameOutside}, as a class rather than a stream pipeline of lambdas:
     * in a fresh JVM each lambda costs milliseconds to spin.
     */
    private static final class FirstOutside
            implements java.util.function.Function<java.util.stream.Stream<StackWalker.StackFrame>, String> {
        static final FirstOutside INSTANCE = new FirstOutside();

        @Override
        public String apply(java.util.stream.Stream<StackWalker.StackFrame> frames) {
            for (java.util.Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                StackWalker.StackFrame fr = it.next();
                if (!isMachinery(fr.getClassName())) return fr.toStackTraceElement().toString();
            }
            return null;
        }
    }

    /**
     * go4j's classes that start goroutines or make primitives on a caller's behalf: their frames
     * are the machinery of a go statement or of making a channel, mutex, timer..., never its site.
     * One set for both kinds of site (a goroutine's, a primitive's). Resolved by name, so
     * {@code ClassNamesTest} checks that each still names a class.
     */
    static final java.util.Set<String> MACHINERY = java.util.Set.of(
            "go4j.Go", "go4j.GoroutineExecutor", "go4j.GoroutineThreadFactory", "go4j.Chan", "go4j.Select",
            "go4j.sync.Mutex", "go4j.sync.RWMutex", "go4j.sync.WaitGroup", "go4j.sync.Cond", "go4j.sync.Semaphore",
            "go4j.sync.Once", "go4j.sync.ErrGroup",
            "go4j.context.Context", "go4j.context.CancelableContext", "go4j.context.CancelCauseContext",
            "go4j.context.AfterFuncContext", "go4j.time.Time", "go4j.time.Timer", "go4j.time.Ticker",
            "go4j.time.Timers", "go4j.time.RuntimeTimer",
            "go4j.runtime.Sched", "go4j.runtime.Newproc", "go4j.runtime.Sites", "go4j.runtime.PrimitiveSites", "go4j.runtime.Bubble",
            "go4j.synctest.Synctest");

    private static boolean isMachinery(String cls) {
        if (cls.startsWith("java.")) return true;
        int nested = cls.indexOf('$');
        return MACHINERY.contains(nested < 0 ? cls : cls.substring(0, nested));
    }
}
