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

import java.util.concurrent.TimeUnit;

import static go4j.Select.recv;
import static go4j.Select.select;
import static go4j.Select.send;

/**
 * GOMAXPROCS workers, each with a partner goroutine that sends on whichever of three shared
 * unbuffered channels is ready (a four-case select, the fourth being {@code done}); the workers
 * receive with a three-case select, per receive. Twin of Go's {@code BenchmarkSelectSyncContended}.
 * No JDK baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class SelectSyncContendedBench {
    static final int OPS = 50_000;

    private static final Integer ZERO = 0;

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void go4j() {
        Starter.GO4J.run(() -> {
            Chan<Integer> myc1 = Chan.make(), myc2 = Chan.make(), myc3 = Chan.make();
            Chan<Void> done = Chan.make();
            Parallel.run(Starter.GO4J, OPS, w -> {
                Starter.GO4J.start(() -> {
                    while (select(send(myc1, ZERO, null), send(myc2, ZERO, null), send(myc3, ZERO, null),
                            recv(done, null)) != 3) {
                        // sent one; offer the next
                    }
                });
                return iterations -> {
                    for (int i = 0; i < iterations; i++) select(recv(myc1, null), recv(myc2, null), recv(myc3, null));
                };
            });
            done.close();
        });
    }
}
