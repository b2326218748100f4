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
 * A channel of capacity GOMAXPROCS used as a counting semaphore by GOMAXPROCS workers, per
 * acquire (send) and release (receive). Twin of Go's {@code BenchmarkChanSem}. Baseline: an
 * {@code ArrayBlockingQueue} of the same capacity on default virtual threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class ChanSemBench {
    static final int OPS = 100_000;

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void go4j() {
        Starter.GO4J.run(() -> sem(Starter.GO4J, Pipe.of(Chan.make(Parallel.procs(Starter.GO4J)))));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void jdkVirtual() {
        Starter.VIRTUAL.run(() -> sem(Starter.VIRTUAL, Pipe.of(new ArrayBlockingQueue<>(Parallel.procs(Starter.VIRTUAL)))));
    }

    /** Go sends struct{}{}; a shared token is the nearest Java value. */
    private static final Object TOKEN = new Object();

    static void sem(Starter kind, Pipe<Object> myc) {
        Parallel.run(kind, OPS, w -> iterations -> {
            for (int i = 0; i < iterations; i++) {
                myc.send(TOKEN);
                myc.recv();
            }
        });
    }
}
