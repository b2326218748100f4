package go4j.bench;

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
import java.util.concurrent.locks.LockSupport;

/**
 * Ping-pong, per round trip: two threads of one kind hand a turn back and forth with
 * {@link LockSupport} park/unpark. Twin of Go's {@code BenchmarkPingPong} (an unbuffered channel
 * round trip); {@link #jdkVirtualSynchronousQueue} is the JDK's own rendezvous on default virtual
 * threads, the baseline a channel should beat.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class PingPongBench {
    static final int ROUND_TRIPS = 10_000;

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void go4j() { Starter.GO4J.run(() -> parkPingPong(Starter.GO4J, ROUND_TRIPS)); }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void jdkVirtual() { Starter.VIRTUAL.run(() -> parkPingPong(Starter.VIRTUAL, ROUND_TRIPS)); }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void platform() { Starter.PLATFORM.run(() -> parkPingPong(Starter.PLATFORM, ROUND_TRIPS)); }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void jdkVirtualSynchronousQueue() {
        Starter.VIRTUAL.run(() -> queuePingPong(Starter.VIRTUAL, ROUND_TRIPS));
    }

    /** The turn both sides of a park/unpark pair hand over. */
    private static final class Turn {
        /** 1: pong's move, 0: ping's move. Written by the side handing the turn over. */
        volatile int owner;
        /** Written once by pong when it starts. */
        volatile Thread pong;
    }

    /** Runs in ping; pong is a new thread of {@code kind}. Returns after {@code trips} round trips. */
    static void parkPingPong(Starter kind, int trips) {
        Turn t = new Turn();
        Thread ping = Thread.currentThread();
        kind.start(() -> {
            t.pong = Thread.currentThread();
            LockSupport.unpark(ping);
            for (int i = 0; i < trips; i++) {
                while (t.owner != 1) LockSupport.park(t);
                t.owner = 0;
                LockSupport.unpark(ping);
            }
        });
        while (t.pong == null) LockSupport.park(t);
        Thread pong = t.pong;
        for (int i = 0; i < trips; i++) {
            t.owner = 1;
            LockSupport.unpark(pong);
            while (t.owner != 0) LockSupport.park(t);
        }
    }

    /** Runs in ping; pong is a new thread of {@code kind}; each round trip is a put and a take each way. */
    static void queuePingPong(Starter kind, int trips) {
        SynchronousQueue<Integer> there = new SynchronousQueue<>(), back = new SynchronousQueue<>();
        kind.start(() -> {
            try {
                for (int i = 0; i < trips; i++) back.put(there.take());
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
            }
        });
        Integer ball = 1;
        try {
            for (int i = 0; i < trips; i++) {
                there.put(ball);
                ball = back.take();
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }
}
