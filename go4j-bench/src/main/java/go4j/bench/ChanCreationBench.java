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
 * GOMAXPROCS workers each making a channel of capacity 1, sending one value and receiving it,
 * per channel. Twin of Go's {@code BenchmarkChanCreation}. Baseline: a new
 * {@code ArrayBlockingQueue(1)} each time, on default virtual threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class ChanCreationBench {
    static final int OPS = 100_000;

    private static final Integer ZERO = 0;

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void go4j() {
        Starter.GO4J.run(() -> Parallel.run(Starter.GO4J, OPS, w -> iterations -> {
            for (int i = 0; i < iterations; i++) {
                Chan<Integer> myc = Chan.make(1);
                myc.send(ZERO);
                myc.recv();
            }
        }));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void jdkVirtual() {
        Starter.VIRTUAL.run(() -> Parallel.run(Starter.VIRTUAL, OPS, w -> iterations -> {
            for (int i = 0; i < iterations; i++) {
                ArrayBlockingQueue<Integer> myc = new ArrayBlockingQueue<>(1);
                Jdk.put(myc, ZERO);
                Jdk.take(myc);
            }
        }));
    }
}
