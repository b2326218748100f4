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
 * GOMAXPROCS producers and as many consumers on a channel of capacity 10, per value sent. Twin of Go's
 * {@code BenchmarkChanProdCons10}; the workload is {@link ChanProdCons}. Baseline: an {@code ArrayBlockingQueue(10)} on
 * default virtual threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class ChanProdCons10Bench {
    @Benchmark
    @OperationsPerInvocation(ChanProdCons.OPS)
    public void go4j() {
        Starter.GO4J.run(() -> ChanProdCons.run(Starter.GO4J, ChanProdCons.OPS, Pipe.of(Chan.make(10))));
    }

    @Benchmark
    @OperationsPerInvocation(ChanProdCons.OPS)
    public void jdkVirtual() {
        Starter.VIRTUAL.run(() -> ChanProdCons.run(Starter.VIRTUAL, ChanProdCons.OPS, Pipe.of(new ArrayBlockingQueue<>(10))));
    }
}
