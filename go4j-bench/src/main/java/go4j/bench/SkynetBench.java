package go4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Skynet, per whole tree: 1,111,111 threads in a 10-ary tree, the 1,000,000 leaves returning
 * 0..999,999 and every inner node summing its ten children. Twin of Go's {@code BenchmarkSkynet}.
 * Results travel through a {@link Sum} (an adder plus a {@link Countdown}), not a channel. No
 * platform-thread variant: a million OS threads is not a benchmark.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class SkynetBench {
    static final int LEAVES = 1_000_000, FANOUT = 10;
    static final long EXPECTED = (long) LEAVES * (LEAVES - 1) / 2;

    @Benchmark
    public long go4j() { return checked(Starter.GO4J.call(() -> skynet(Starter.GO4J, 0, LEAVES))); }

    @Benchmark
    public long jdkVirtual() { return checked(Starter.VIRTUAL.call(() -> skynet(Starter.VIRTUAL, 0, LEAVES))); }

    private static long checked(long sum) {
        if (sum != EXPECTED) throw new IllegalStateException("skynet sum " + sum + ", expected " + EXPECTED);
        return sum;
    }

    /** The node for {@code [num, num + size)}: a leaf returns {@code num}, an inner node sums ten children. */
    static long skynet(Starter kind, long num, int size) {
        if (size == 1) return num;
        int child = size / FANOUT;
        Sum sum = new Sum(FANOUT);
        for (int i = 0; i < FANOUT; i++) {
            long first = num + (long) i * child;
            kind.start(() -> sum.add(skynet(kind, first, child)));
        }
        return sum.await();
    }

    /** The ten children's results for one parent: they add, the parent waits for all ten. */
    static final class Sum {
        private final AtomicLong total = new AtomicLong();
        private final Countdown children;

        Sum(int n) { children = new Countdown(n); }

        void add(long v) {
            total.addAndGet(v);
            children.done();
        }

        long await() {
            children.await();
            return total.get();
        }
    }
}
