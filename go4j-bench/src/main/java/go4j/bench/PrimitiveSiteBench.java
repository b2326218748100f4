package go4j.bench;

import go4j.Chan;
import go4j.runtime.PrimitiveSites;
import go4j.sync.Mutex;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording a primitive's creation site costs, per primitive made: nothing recorded (no
 * agent), the agent's tag (the {@code PrimitiveSites.made(p, "site")} call it inserts after each
 * {@code Chan.make} or {@code new Mutex()}, written out here by hand), and a stack walk
 * ({@code -Dgo4j.primitiveSites=walk}, in a JVM of its own since the mode is read at start).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class PrimitiveSiteBench {
    private static final String SITE = "com.acme.Worker.run(Worker.java:42)";

    @Benchmark
    public Chan<Integer> chanPlain() { return Chan.make(1); }

    @Benchmark
    public Chan<Integer> chanTagged() {
        Chan<Integer> c = Chan.make(1);
        PrimitiveSites.made(c, SITE);
        return c;
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Bench.ADD_OPENS, "-Dgo4j.primitiveSites=walk"})
    public Chan<Integer> chanWalked() { return Chan.make(1); }

    @Benchmark
    public Mutex mutexPlain() { return new Mutex(); }

    @Benchmark
    public Mutex mutexTagged() {
        Mutex m = new Mutex();
        PrimitiveSites.made(m, SITE);
        return m;
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Bench.ADD_OPENS, "-Dgo4j.primitiveSites=walk"})
    public Mutex mutexWalked() { return new Mutex(); }
}
