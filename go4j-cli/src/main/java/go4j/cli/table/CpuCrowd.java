package go4j.cli.table;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * K CPU-bound threads of one {@link Flavor}, released together, each running bursts of pure
 * computation with a preemption point ({@link Flavor#checkpoint()}) between bursts. Each burst
 * counts itself in a shared "running" gauge, so the gauge's maximum is how many of them ever ran
 * at the same instant: GOMAXPROCS for goroutines, the scheduler's parallelism for JDK virtual
 * threads, the core count for OS threads. A burst holds no preemption point (go4j's preemption is
 * a poll), so a counted burst is one that is on a CPU. Each thread also records the carrier it ran
 * on, for counting the carriers a scheduler uses.
 */
final class CpuCrowd {
    private CpuCrowd() {}

    /** Steps per burst: some tens of microseconds of computation. */
    static final int BURST_ITERATIONS = 20_000;

    /** What a crowd saw: the most bursts running at once, and the distinct carriers seen. */
    record Result(int maxRunning, Set<String> carriers) {}

    /** Written by every burst so the computation cannot be removed; never read for meaning. */
    private static volatile long sink;

    /** Runs {@code k} threads of {@code bursts} bursts of {@code iterations} steps each; waits for all. */
    static Result run(Flavor flavor, int k, int bursts, int iterations) {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        Set<String> carriers = ConcurrentHashMap.newKeySet();
        CountDownLatch ready = new CountDownLatch(k);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(k);
        for (int i = 0; i < k; i++) {
            long seed = 0x9E3779B97F4A7C15L * (i + 1);
            flavor.start(() -> {
                ready.countDown();
                Uninterruptibly.await(go); // parks: a waiting virtual thread leaves its carrier to the others
                long x = seed;
                String lastCarrier = null;
                for (int b = 0; b < bursts; b++) {
                    int now = running.incrementAndGet();
                    max.accumulateAndGet(now, Math::max);
                    String c = carrierOf(Thread.currentThread());
                    if (!c.equals(lastCarrier)) { carriers.add(c); lastCarrier = c; }
                    x = burst(x, iterations);
                    running.decrementAndGet();
                    flavor.checkpoint();
                }
                sink = x;
                done.countDown();
            });
        }
        Uninterruptibly.await(ready);
        go.countDown();
        Uninterruptibly.await(done);
        return new Result(max.get(), Set.copyOf(carriers));
    }

    /** xorshift steps: pure computation, no calls, no allocation. */
    private static long burst(long x, int iterations) {
        for (int i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /**
     * The carrier thread a running thread is mounted on: for a virtual thread the name after
     * {@code '@'} in its {@code toString()} ("VirtualThread[#22]/runnable@ForkJoinPool-1-worker-1"),
     * for a platform thread its own name.
     */
    static String carrierOf(Thread t) {
        if (!t.isVirtual()) return t.getName();
        String s = t.toString();
        int at = s.lastIndexOf('@');
        return at < 0 ? "?" : s.substring(at + 1);
    }

    /** The pool part of a carrier name: "ForkJoinPool-1-worker-3" becomes "ForkJoinPool-1". */
    static String poolOf(String carrier) {
        int w = carrier.indexOf("-worker-");
        return w < 0 ? carrier : carrier.substring(0, w);
    }
}
