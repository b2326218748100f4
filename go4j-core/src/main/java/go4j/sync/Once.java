package go4j.sync;

import go4j.runtime.PrimitiveSites;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Performs exactly one action: Go's {@code sync.Once}, plus Go 1.21's OnceFunc and OnceValue as
 * {@link #func(Runnable)} and {@link #value(Supplier)}.
 *
 * <p>{@link #run(Runnable)} (Go's Do) calls its function only the first time it is called for
 * this Once, even with a different function each time; every call returns after that one call
 * has returned, so its effects are visible. If the function throws, the Once still counts it as
 * done: later calls return without calling anything. Calling {@code run} on the same Once from
 * inside the function deadlocks, as in Go.
 */
public final class Once {
    /** Set (volatile store) after the function returned or threw; read first by every call. */
    private volatile boolean done;
    /** Serialises the first callers; allocated with the Once (small next to the function). */
    private final Mutex m = new Mutex();

    /** Creates a Once that has not run. */
    public Once() {}

    static {
        PrimitiveSites.install(Once.class, (o, site) -> ((Once) o).m.madeAt(site));
    }

    /** Calls {@code f} if and only if this is the first call of {@code run} on this Once. */
    public void run(Runnable f) {
        if (done) return; // fast path: one volatile load
        runSlow(f);
    }

    private void runSlow(Runnable f) {
        m.lock();
        try {
            if (!done) {
                try {
                    f.run();
                } finally {
                    done = true;
                }
            }
        } finally {
            m.unlock();
        }
    }

    /**
     * Returns a function that calls {@code f} only once (Go's OnceFunc). If {@code f} throws, the
     * returned function throws the same exception on every call.
     */
    public static Runnable func(Runnable f) {
        Objects.requireNonNull(f, "f");
        return new Runnable() {
            private final Once once = new Once();
            private Runnable body = f; // dropped after the call, so f can be collected
            private Throwable failure; // written inside once.run, read after it (happens-before)

            @Override
            public void run() {
                once.run(() -> {
                    try {
                        body.run();
                    } catch (Throwable t) {
                        failure = t;
                    } finally {
                        body = null;
                    }
                });
                if (failure != null) throw Once.<RuntimeException>sneaky(failure);
            }
        };
    }

    /**
     * Returns a supplier that calls {@code f} only once and then returns its value on every call
     * (Go's OnceValue). If {@code f} throws, every call throws the same exception.
     */
    public static <T> Supplier<T> value(Supplier<T> f) {
        Objects.requireNonNull(f, "f");
        return new Supplier<T>() {
            private final Once once = new Once();
            private Supplier<T> body = f;
            private T result;
            private Throwable failure;

            @Override
            public T get() {
                once.run(() -> {
                    try {
                        result = body.get();
                    } catch (Throwable t) {
                        failure = t;
                    } finally {
                        body = null;
                    }
                });
                if (failure != null) throw Once.<RuntimeException>sneaky(failure);
                return result;
            }
        };
    }

    /** Rethrows {@code t} as it is (it came out of a Runnable or Supplier, so it is unchecked). */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
