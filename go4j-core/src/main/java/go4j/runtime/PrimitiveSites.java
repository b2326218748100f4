package go4j.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Creation sites of channels and sync primitives ("made at Foo.run(Foo.java:7)"), so that a leak
 * report names the channel or lock a goroutine was abandoned on, not only the goroutine.
 *
 * <p>Unlike a goroutine's body, a primitive has no class of its own to key a cache on: finding
 * its site means walking the stack, about a microsecond against the 70 ns of a {@code Chan.make()}.
 * So the site comes from one of two places:
 * <ul>
 *   <li><b>The agent</b> (default under {@code ./go4j run}, or {@code -javaagent}): where it
 *       instruments a class, it follows each {@code Chan.make(...)}, {@code new Mutex()},
 *       {@code new WaitGroup()}, ... with a call to {@link #made} carrying the site as a
 *       constant string. Exact, and the cost of one field write.
 *   <li><b>A stack walk</b> in the primitive's constructor, when walking is on
 *       ({@code -Dgo4j.primitiveSites=walk}, or {@link #walk(boolean)}; the go4j-junit extension
 *       turns it on, since tests care about reports more than microseconds).
 * </ul>
 * Neither: the report says nothing of the primitive. {@code -Dgo4j.primitiveSites=off} ignores
 * the agent's sites too.
 *
 * <p>The site is a string on the primitive's wait queue; a goroutine that blocks copies it into
 * its own record (see {@link Park#waiting(WaitReason, String, boolean, java.util.function.BooleanSupplier)}), which is what outlives the
 * primitive when the collector proves the leak. Each primitive type tells this class how its
 * site is written ({@link #install}), as the JDK's SharedSecrets do, so that the writer stays
 * package-private to the primitive.
 */
public final class PrimitiveSites {
    private PrimitiveSites() {}

    private static final String MODE = System.getProperty("go4j.primitiveSites", "");
    private static final boolean OFF = MODE.equals("off");

    /** Whether constructors walk the stack. */
    private static volatile boolean walk = MODE.equals("walk");

    /** How each primitive type records a site. Written once per type, in its static initialiser. */
    private static final ConcurrentHashMap<Class<?>, BiConsumer<Object, String>> RECORDERS = new ConcurrentHashMap<>();

    /** Installs how a primitive type records its site. Called by each primitive class once. */
    public static void install(Class<?> type, BiConsumer<Object, String> recorder) {
        RECORDERS.put(type, recorder);
    }

    /**
     * Records that {@code primitive} was made at {@code site}. The call the agent inserts after
     * each primitive's construction; a primitive of a type nobody installed is ignored.
     */
    public static void made(Object primitive, String site) {
        if (OFF || primitive == null) return;
        BiConsumer<Object, String> recorder = RECORDERS.get(primitive.getClass());
        if (recorder != null) recorder.accept(primitive, site);
    }

    /** Whether a primitive's constructor should walk the stack for its site. */
    public static boolean walking() {
        return walk;
    }

    /** Turns stack walking for sites of primitives made from now on on or off ({@code -Dgo4j.primitiveSites=walk}). */
    public static void walk(boolean on) {
        walk = on && !OFF;
    }

    /** The site of the code that is making a primitive: the first frame outside go4j's primitives. */
    public static String caller() {
        return Sites.firstFrameOutside(); // go4j's own frames (Sites.MACHINERY) are not the site
    }
}
