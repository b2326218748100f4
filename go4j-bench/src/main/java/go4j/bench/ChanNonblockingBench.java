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

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * GOMAXPROCS workers polling one unbuffered channel that never has a sender, per poll. Twin of
 * Go's {@code BenchmarkChanNonblocking}: its {@code select { case <-myc: default: }} is compiled
 * to a non-blocking receive, which is {@link Chan#tryRecv()} here. Baseline:
 * {@code SynchronousQueue.poll()} on default virtual threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class ChanNonblockingBench {
    static final int OPS = 1_000_000;

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void go4j() {
        Chan<Integer> myc = Chan.make();
        Starter.GO4J.run(() -> Parallel.run(Starter.GO4J, OPS, w -> iterations -> {
            for (int i = 0; i < iterations; i++) {
                if (myc.tryRecv() != null) throw new IllegalStateException("nobody sends");
            }
        }));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void jdkVirtual() {
        SynchronousQueue<Integer> myc = new SynchronousQueue<>();
        Starter.VIRTUAL.run(() -> Parallel.run(Starter.VIRTUAL, OPS, w -> iterations -> {
            for (int i = 0; i < iterations; i++) {
                if (myc.poll() != null) throw new IllegalStateException("nobody sends");
            }
        }));
    }
}
