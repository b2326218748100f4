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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two threads trading on one unbuffered channel, per call (a receive and a send by one side).
 * Twin of Go's {@code BenchmarkChanSync} (runtime/chan_test.go): two workers take batches of
 * 1000 calls from a shared counter; an even batch receives then sends, an odd one sends then
 * receives, so the two sides always meet. Baseline: a {@code SynchronousQueue} on default
 * virtual threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class ChanSyncBench {
    static final int CALLS_PER_SCHED = 1000;
    static final int OPS = 20 * CALLS_PER_SCHED;

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void go4j() { Starter.GO4J.run(() -> chanSync(Starter.GO4J, OPS, Pipe.of(Chan.make()))); }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void jdkVirtual() {
        Starter.VIRTUAL.run(() -> chanSync(Starter.VIRTUAL, OPS, Pipe.of(new SynchronousQueue<>())));
    }

    static void chanSync(Starter kind, int ops, Pipe<Integer> myc) {
        AtomicInteger batches = new AtomicInteger(ops / CALLS_PER_SCHED / 2 * 2);
        Runnable side = () -> {
            int i;
            while ((i = batches.decrementAndGet()) >= 0) {
                for (int g = 0; g < CALLS_PER_SCHED; g++) {
                    if (i % 2 == 0) {
                        myc.recv();
                        myc.send(0);
                    } else {
                        myc.send(0);
                        myc.recv();
                    }
                }
            }
        };
        Parallel.all(kind, side, side);
    }
}
