package go4j.bench;

import go4j.Chan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * GOMAXPROCS workers each sending 100 values into one shared channel of capacity 100 x
 * GOMAXPROCS and receiving 100 back, per such round (200 channel operations on a contended lock).
 * Twin of Go's {@code BenchmarkChanContended}. Baseline: one shared {@code ArrayBlockingQueue} on
 * default virtual threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class ChanContendedBench {
    static final int OPS = 400;

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void go4j() {
        Starter.GO4J.run(() -> {
            Pipe<Integer> myc = Pipe.of(Chan.make(ChanUncontendedBench.C * Parallel.procs(Starter.GO4J)));
            Parallel.run(Starter.GO4J, OPS, w -> ChanUncontendedBench.fillAndDrain(myc));
        });
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void jdkVirtual() {
        Starter.VIRTUAL.run(() -> {
            Pipe<Integer> myc = Pipe.of(new ArrayBlockingQueue<>(ChanUncontendedBench.C * Parallel.procs(Starter.VIRTUAL)));
            Parallel.run(Starter.VIRTUAL, OPS, w -> ChanUncontendedBench.fillAndDrain(myc));
        });
    }
}
