package go4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import workloads.Kernels;

/**
 * What the preemption agent does to real loops, as it instruments them: the kernels live in
 * {@link workloads.Kernels} (outside {@code go4j.*}, so the agent rewrites them like user code)
 * and {@link #main} runs this class three times, in JVMs without the agent, with it polling on
 * every back-edge ({@code chunk=0}, what it did before strip-mining) and with its defaults, then
 * prints each kernel's time per element and what the agent costs it. Agent runs get
 * {@code -XX:-DoJVMTIVirtualThreadTransitions}, as {@code ./go4j run} gives them.
 *
 * <p>Run from the checkout (the agent jar is {@code -Dgo4j.agent}, default
 * {@code go4j-agent/target/go4j-agent.jar}):
 * {@code java -cp 'go4j-bench/target/go4j-bench.jar:go4j-bench/target/lib/*' go4j.bench.AgentLoopBench -f 1 -wi 3 -i 5}.
 * Scores are ns per element (per array element, xorshift step or input byte).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AgentLoopBench {
    /** Array length: the issue's 64 Ki ints (256 KiB per array, in L2). */
    static final int N = 65_536;
    /** Input of the library codecs. */
    static final int TEXT = 256 * 1024;

    private int[] a, b, c;
    private byte[] text;
    private long seed;

    @Setup
    public void setup() {
        a = new int[N];
        b = new int[N];
        c = new int[N];
        for (int i = 0; i < N; i++) {
            a[i] = i * 7;
            b[i] = i ^ 0x5555;
        }
        text = Kernels.text(TEXT);
        seed = 0x9E3779B97F4A7C15L;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int[] arrayAdd() {
        Kernels.add(a, b, c);
        return c;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int intSum() {
        return Kernels.sum(a);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long xorshift() {
        return Kernels.xorshift(seed, N);
    }

    @Benchmark
    @OperationsPerInvocation(TEXT)
    public int bzip2() {
        return Kernels.bzip2(text);
    }

    /** Runs the three set-ups and prints the table. JMH's options ({@code -f 1 -wi 3 -i 5}) apply to each. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        String agent = Path.of(System.getProperty("go4j.agent", "go4j-agent/target/go4j-agent.jar")).toAbsolutePath().toString();
        if (!Files.isRegularFile(Path.of(agent))) throw new IllegalStateException("no agent jar at " + agent + " (-Dgo4j.agent=...)");
        String[] flag = {"-XX:+UnlockExperimentalVMOptions", "-XX:-DoJVMTIVirtualThreadTransitions"};
        Map<String, List<String>> setups = new LinkedHashMap<>();
        setups.put("no agent", List.of());
        setups.put("agent, chunk=0", List.of(flag[0], flag[1], "-javaagent:" + agent + "=chunk=0"));
        setups.put("agent", List.of(flag[0], flag[1], "-javaagent:" + agent));
        Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
        for (var setup : setups.entrySet()) {
            var options = new OptionsBuilder().parent(new CommandLineOptions(args))
                    .include(AgentLoopBench.class.getName() + "\\.")
                    .jvmArgsAppend(setup.getValue().toArray(String[]::new)).build();
            Map<String, Double> byKernel = new LinkedHashMap<>();
            for (RunResult r : new Runner(options).run()) {
                String name = r.getParams().getBenchmark();
                byKernel.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
            }
            scores.put(setup.getKey(), byKernel);
        }
        System.out.println();
        List<String> kernels = new ArrayList<>(scores.get("no agent").keySet());
        System.out.printf("%-10s %12s %22s %18s%n", "ns/element", "no agent", "agent, chunk=0", "agent");
        for (String k : kernels) {
            double none = scores.get("no agent").get(k);
            double every = scores.get("agent, chunk=0").get(k);
            double chunked = scores.get("agent").get(k);
            System.out.printf("%-10s %12.3f %13.3f (%+5.0f%%) %9.3f (%+5.0f%%)%n", k, none,
                    every, 100 * (every / none - 1), chunked, 100 * (chunked / none - 1));
        }
    }
}
