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

/**
 * Each of GOMAXPROCS workers moves one token between its own two channels of capacity 1 with a
 * two-case select, per select. Twin of Go's {@code BenchmarkSelectUncontended}. No JDK baseline:
 * the JDK has no select.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class SelectUncontendedBench {
    static final int OPS = 200_000;

    private static final Integer ZERO = 0;

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void go4j() {
        Starter.GO4J.run(() -> Parallel.run(Starter.GO4J, OPS, w -> {
            Chan<Integer> myc1 = Chan.make(1), myc2 = Chan.make(1);
            myc1.send(ZERO);
            return iterations -> {
                for (int i = 0; i < iterations; i++) {
                    if (select(recv(myc1, null), recv(myc2, null)) == 0) myc2.send(ZERO);
                    else myc1.send(ZERO);
                }
            };
        }));
    }
}
