package go4j.bench;

import go4j.Go;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Go's {@code b.RunParallel} for our benchmarks: P workers of one kind share N iterations, and
 * the caller waits for all of them. P is GOMAXPROCS for goroutines and the JDK default
 * scheduler's parallelism (the core count) for JDK virtual threads, as Go runs GOMAXPROCS
 * goroutines. The first exception of any worker is rethrown by the caller once all have ended,
 * so a broken benchmark fails instead of hanging.
 */
final class Parallel {
    private Parallel() {}

    /** One worker: runs its share of the iterations. Made per worker, so it may hold per-worker state. */
    @FunctionalInterface
    interface Worker {
        void run(int iterations);
    }

    /** How many workers Go's RunParallel would start for threads of {@code kind}. */
    static int procs(Starter kind) {
        return kind == Starter.GO4J ? Go.gomaxprocs() : Runtime.getRuntime().availableProcessors();
    }

    /** Starts {@link #procs(Starter)} workers made by {@code worker}, sharing {@code n} iterations; waits for all. */
    static void run(Starter kind, int n, IntFunction<Worker> worker) {
        run(kind, procs(kind), n, worker);
    }

    /** Starts {@code p} workers ({@code worker.apply(index)}) sharing {@code n} iterations as evenly as can be; waits for all. */
    static void run(Starter kind, int p, int n, IntFunction<Worker> worker) {
        Countdown done = new Countdown(p);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int w = 0; w < p; w++) {
            Worker body = worker.apply(w);
            int share = n / p + (w < n % p ? 1 : 0);
            kind.start(() -> {
                try {
                    body.run(share);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.done();
                }
            });
        }
        done.await();
        rethrow(failure.get());
    }

    /** Starts {@code bodies} as threads of {@code kind} and waits for all; rethrows the first failure. */
    static void all(Starter kind, Runnable... bodies) {
        run(kind, bodies.length, bodies.length, w -> iterations -> bodies[w].run());
    }

    static void rethrow(Throwable t) {
        if (t == null) return;
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }
}
