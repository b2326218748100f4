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
 * Ping-pong over two unbuffered channels, per round trip (a send and a receive each way). Twin of
 * Go's unbuffered-channel ping-pong ({@code BenchmarkChanPingPong} in go4j-bench/go, the shape of
 * {@code BenchmarkPingPong}). Baseline: two {@code SynchronousQueue}s on default virtual threads.
 * Targets: at most 1.3x Go's round trip, at least 2x faster than the baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class ChanPingPongBench {
    static final int ROUND_TRIPS = 10_000;

    private static final Integer BALL = 1;

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void go4j() {
        Starter.GO4J.run(() -> pingPong(Starter.GO4J, ROUND_TRIPS, Pipe.of(Chan.make()), Pipe.of(Chan.make())));
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void jdkVirtual() {
        Starter.VIRTUAL.run(() -> pingPong(Starter.VIRTUAL, ROUND_TRIPS,
                Pipe.of(new SynchronousQueue<>()), Pipe.of(new SynchronousQueue<>())));
    }

    /** Runs in ping; pong is a new thread of {@code kind} that echoes what arrives on {@code there}. */
    static void pingPong(Starter kind, int trips, Pipe<Integer> there, Pipe<Integer> back) {
        kind.start(() -> {
            for (int i = 0; i < trips; i++) back.send(there.recv());
        });
        for (int i = 0; i < trips; i++) {
            there.send(BALL);
            back.recv();
        }
    }
}
