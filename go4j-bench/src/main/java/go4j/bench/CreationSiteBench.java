package go4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What recording goroutine creation sites costs: go4j's spawn-and-finish with the recording on
 * (the default) and off ({@code -Dgo4j.creationSites=false}), each in its own JVM since the switch
 * is read once. The target: on is at most 10% slower.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CreationSiteBench {
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
    @OperationsPerInvocation(SpawnBench.N)
    public void sitesOn() { Starter.GO4J.run(() -> SpawnBench.spawnAll(Starter.GO4J, SpawnBench.N)); }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Bench.ADD_OPENS, "-Dgo4j.creationSites=false"})
    @OperationsPerInvocation(SpawnBench.N)
    public void sitesOff() { Starter.GO4J.run(() -> SpawnBench.spawnAll(Starter.GO4J, SpawnBench.N)); }
}
