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
 * Each of GOMAXPROCS workers fills its own channel of capacity 100 and drains it, per fill and
 * drain (200 channel operations, nobody ever waits). Twin of Go's {@code BenchmarkChanUncontended}.
 * Baseline: an {@code ArrayBlockingQueue(100)} per worker on default virtual threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class ChanUncontendedBench {
    static final int C = 100;
    static final int OPS = 400;

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void go4j() {
        Starter.GO4J.run(() -> Parallel.run(Starter.GO4J, OPS, w -> fillAndDrain(Pipe.of(Chan.make(C)))));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void jdkVirtual() {
        Starter.VIRTUAL.run(() -> Parallel.run(Starter.VIRTUAL, OPS, w -> fillAndDrain(Pipe.of(new ArrayBlockingQueue<>(C)))));
    }

    /** A worker that, per iteration, sends C values into {@code myc} and receives them back. */
    static Parallel.Worker fillAndDrain(Pipe<Integer> myc) {
        Integer zero = 0;
        return iterations -> {
            for (int n = 0; n < iterations; n++) {
                for (int i = 0; i < C; i++) myc.send(zero);
                for (int i = 0; i < C; i++) myc.recv();
            }
        };
    }
}
