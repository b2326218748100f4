package go4j.cli.table;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Creation cost: spawn-and-finish. A thread of the measured flavor starts N threads of its own
 * flavor whose body only counts down, and waits until all N bodies have run; the cost is the
 * elapsed time over N. Spawning from the same flavor is what Go's benchmarks do (the benchmark
 * loop is itself a goroutine).
 */
public final class SpawnCost implements Aspect {
    @Override public String name() { return "Creation cost"; }
    @Override public String claimOs() { return "~10 us, 1 MB+ stack"; }
    @Override public String claimGoroutine() { return "~0.3 us, 2 KB stack"; }

    @Override
    public Row measure(Settings s) {
        int osN = s.n(2_000, 20);
        int vtN = s.n(100_000, 200);
        return Row.measured(this, cell(Flavor.OS_THREAD, osN, s), cell(Flavor.JDK_VIRTUAL, vtN, s),
                cell(Flavor.GO4J, vtN, s),
                String.format("start N and wait until all N have run, from a thread of the same kind (go4j: with "
                        + "Go.checkpoint() in the loop, as the agent inserts); N = %,d OS threads, %,d virtual "
                        + "threads/goroutines%s", osN, vtN, s.quick() ? "" : String.format(
                                "; virtual threads and goroutines: median of %d rounds", s.rounds() * VIRTUAL_ROUNDS_FACTOR)));
    }

    /**
     * Rounds of virtual threads and goroutines, per round of the other rows: theirs are cheap
     * (tens of milliseconds) and bimodal on a fresh heap (one JVM's rounds of go4j measured
     * 180-1,257 ns, of the JDK 99-787), so that a median of 5 put either column ahead from one
     * run to the next.
     */
    static final int VIRTUAL_ROUNDS_FACTOR = 3;

    private static Measurement cell(Flavor f, int n, Settings s) {
        Settings rounds = f == Flavor.OS_THREAD || s.quick() ? s : s.moreRounds(VIRTUAL_ROUNDS_FACTOR);
        double ns = f.call(() -> Rounds.median(rounds, () -> spawnAndFinish(f, n)));
        return Measurement.of(Measurement.nanos(ns) + " each", "nsPerSpawn", ns);
    }

    /** One round: nanoseconds per thread to start {@code n} and see all of them run. */
    static double spawnAndFinish(Flavor f, int n) {
        AtomicInteger remaining = new AtomicInteger(n);
        Thread waiter = Thread.currentThread();
        Runnable body = () -> {
            if (remaining.decrementAndGet() == 0) LockSupport.unpark(waiter);
        };
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            f.start(body);
            f.checkpoint(); // what the agent inserts on this back-edge in a user's program: a spawner running >100 ms is otherwise a hog
        }
        while (remaining.get() > 0) LockSupport.park(remaining);
        return (double) (System.nanoTime() - t0) / n;
    }
}
