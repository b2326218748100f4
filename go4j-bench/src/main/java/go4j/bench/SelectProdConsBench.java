package go4j.bench;

import go4j.Chan;
import go4j.time.Time;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static go4j.Select.recv;
import static go4j.Select.recvOk;
import static go4j.Select.select;
import static go4j.Select.send;

/**
 * GOMAXPROCS producers and as many consumers on a channel of capacity 128, each send and receive
 * a three-case select (the channel, a timer that does not fire, a close signal that never
 * comes), with 100 steps of local work per value; per value. Twin of Go's
 * {@code BenchmarkSelectProdCons}. No JDK baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class SelectProdConsBench {
    static final int CALLS_PER_SCHED = 1000;
    static final int OPS = 50 * CALLS_PER_SCHED;

    private static final Integer ONE = 1, ZERO = 0;

    /** Written by every worker so its local work stays; never read for meaning. */
    static volatile boolean sink;

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void go4j() {
        Starter.GO4J.run(SelectProdConsBench::prodCons);
    }

    static void prodCons() {
        int procs = Parallel.procs(Starter.GO4J);
        AtomicInteger batches = new AtomicInteger(OPS / CALLS_PER_SCHED);
        Chan<Integer> myc = Chan.make(128);
        Chan<Boolean> myclose = Chan.make();
        Runnable producer = () -> {
            int foo = 0;
            Chan<Instant> mytimer = Time.after(Duration.ofHours(1)); // not meant to fire
            while (batches.decrementAndGet() >= 0) {
                for (int g = 0; g < CALLS_PER_SCHED; g++) {
                    foo = localWork(foo);
                    select(send(myc, ONE, null), recv(mytimer, null), recv(myclose, null));
                }
            }
            myc.send(ZERO);
            sink = foo == 42;
        };
        Runnable consumer = () -> {
            int foo = 0;
            Chan<Instant> mytimer = Time.after(Duration.ofHours(1));
            int[] got = new int[1];
            while (true) {
                got[0] = -1;
                select(recvOk(myc, (v, ok) -> got[0] = v), recv(mytimer, null), recv(myclose, null));
                if (got[0] == 0) break;
                foo = localWork(foo);
            }
            sink = foo == 42;
        };
        Runnable[] all = new Runnable[2 * procs];
        for (int p = 0; p < procs; p++) {
            all[2 * p] = producer;
            all[2 * p + 1] = consumer;
        }
        Parallel.all(Starter.GO4J, all);
    }

    /** Go's "model some local work": 100 steps of foo *= 2; foo /= 2. */
    private static int localWork(int foo) {
        for (int i = 0; i < 100; i++) {
            foo *= 2;
            foo /= 2;
        }
        return foo;
    }
}
