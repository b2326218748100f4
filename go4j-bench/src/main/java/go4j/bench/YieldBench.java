package go4j.bench;

import go4j.Go;
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
 * A yield loop, per yield: one thread yields Y times with nothing else to run. Measures the
 * cheapest trip through the scheduler (unmount, requeue, remount for JDK virtual threads; a
 * {@code sched_yield} for platform threads). go4j's {@code Go.gosched()} sees that nothing else
 * is runnable and returns without the trip, as Go's scheduler would take the goroutine straight
 * back. Twin of Go's {@code BenchmarkYield} ({@code runtime.Gosched}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class YieldBench {
    static final int YIELDS = 10_000;

    @Benchmark
    @OperationsPerInvocation(YIELDS)
    public void go4j() {
        Starter.GO4J.run(() -> { for (int i = 0; i < YIELDS; i++) Go.gosched(); });
    }

    @Benchmark
    @OperationsPerInvocation(YIELDS)
    public void jdkVirtual() {
        Starter.VIRTUAL.run(() -> { for (int i = 0; i < YIELDS; i++) Thread.yield(); });
    }

    @Benchmark
    @OperationsPerInvocation(YIELDS)
    public void platform() {
        Starter.PLATFORM.run(() -> { for (int i = 0; i < YIELDS; i++) Thread.yield(); });
    }
}
