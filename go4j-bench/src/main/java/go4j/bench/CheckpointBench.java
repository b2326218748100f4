package go4j.bench;

import go4j.Go;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What the preemption agent costs a tight loop: each loop runs plain and with the
 * {@code Go.checkpoint()} call per iteration that the agent inserts before a back-edge, in the
 * same run. The target is at most 5% throughput loss.
 *
 * <p>Two loop shapes, because the poll costs them differently:
 * <ul>
 *   <li>{@code sum*}: summing an {@code int[]}, which the JIT unrolls and vectorises when the
 *       loop body is pure; a volatile read per iteration can stop that, so this is the worst case.
 *   <li>{@code count*}: a chain of dependent xorshift steps, a scalar loop whose latency bound
 *       leaves room for the poll; the common case of CPU-bound application code.
 * </ul>
 * JMH's threads are platform threads, not goroutines: this measures the poll when nobody asked
 * for a yield, which is the cost every iteration pays; the yield itself is measured elsewhere.
 * Scores are per loop iteration ({@link OperationsPerInvocation}).
 *
 * <p>Run: {@code java -cp 'go4j-bench/target/go4j-bench.jar:go4j-bench/target/lib/*'
 * go4j.bench.CheckpointBench} prints JMH's table and then the loss of each pair.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CheckpointBench {
    /** Iterations per benchmark call: an array that stays in L1. */
    static final int N = 4096;

    private int[] data;
    private long seed;

    @Setup
    public void setup() {
        SplittableRandom random = new SplittableRandom(42);
        data = new int[N];
        for (int i = 0; i < N; i++) data[i] = random.nextInt();
        seed = random.nextLong() | 1;
    }

    /** Sums the array: the loop the JIT likes best. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long sumPlain() {
        int[] a = data;
        long s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i];
        }
        return s;
    }

    /** The same sum with the agent's checkpoint before the back-edge. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long sumCheckpoint() {
        int[] a = data;
        long s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i];
            Go.checkpoint();
        }
        return s;
    }

    /** N dependent xorshift steps: a scalar loop bound by latency. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long countPlain() {
        long x = seed;
        for (int i = 0; i < N; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** The same steps with the agent's checkpoint before the back-edge. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long countCheckpoint() {
        long x = seed;
        for (int i = 0; i < N; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            Go.checkpoint();
        }
        return x;
    }

    /**
     * Runs this benchmark and prints, per loop shape, the throughput the checkpoint costs.
     * JMH's command-line options ({@code -wi 1 -i 2 -r 500ms}, ...) override the annotations.
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        var options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(CheckpointBench.class.getName() + "\\.").build();
        var results = new Runner(options).run();
        System.out.println();
        for (String shape : new String[] {"sum", "count"}) {
            double plain = score(results, shape + "Plain");
            double checked = score(results, shape + "Checkpoint");
            System.out.printf("%-6s plain %.1f ops/us, with checkpoint %.1f ops/us: %.1f%% throughput loss (target <= 5%%)%n",
                    shape, plain, checked, 100 * (1 - checked / plain));
        }
    }

    private static double score(Iterable<RunResult> results, String method) {
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith("." + method)) return r.getPrimaryResult().getScore();
        }
        throw new IllegalStateException("no result for " + method);
    }
}
