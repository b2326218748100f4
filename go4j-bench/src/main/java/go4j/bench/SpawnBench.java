package go4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Spawn-and-finish, per thread: a thread of the measured kind starts N threads of its kind whose
 * body only counts down, and waits for all. Twin of Go's {@code BenchmarkSpawn}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class SpawnBench {
    static final int N = 10_000;
    /** Fewer platform threads per operation: one costs tens of microseconds. */
    static final int N_PLATFORM = 1_000;

    @Benchmark
    @OperationsPerInvocation(N)
    public void go4j() { Starter.GO4J.run(() -> spawnAll(Starter.GO4J, N)); }

    @Benchmark
    @OperationsPerInvocation(N)
    public void jdkVirtual() { Starter.VIRTUAL.run(() -> spawnAll(Starter.VIRTUAL, N)); }

    @Benchmark
    @OperationsPerInvocation(N_PLATFORM)
    public void platform() { Starter.PLATFORM.run(() -> spawnAll(Starter.PLATFORM, N_PLATFORM)); }

    static void spawnAll(Starter kind, int n) {
        Countdown all = new Countdown(n);
        Runnable body = all::done;
        for (int i = 0; i < n; i++) kind.start(body);
        all.await();
    }
}
