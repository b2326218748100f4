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
 * 1000 goroutines each selecting on one popular channel (never ready) and a channel of their own;
 * the driver sends on each goroutine's channel in turn, per round of 1000 sends. The popular
 * channel's wait queue holds 1000 entries that every select enqueues and dequeues. Twin of Go's
 * {@code BenchmarkChanPopular}, which also counts the goroutines' start. No JDK baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class ChanPopularBench {
    static final int N = 1000;
    static final int ROUNDS = 10;

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public void go4j() {
        Starter.GO4J.run(() -> {
            Chan<Boolean> c = Chan.make();
            @SuppressWarnings("unchecked") Chan<Boolean>[] a = new Chan[N];
            Countdown wg = new Countdown(N);
            for (int j = 0; j < N; j++) {
                Chan<Boolean> d = Chan.make();
                a[j] = d;
                Starter.GO4J.start(() -> {
                    for (int i = 0; i < ROUNDS; i++) select(recv(c, null), recv(d, null));
                    wg.done();
                });
            }
            for (int i = 0; i < ROUNDS; i++) {
                for (Chan<Boolean> d : a) d.send(Boolean.TRUE);
            }
            wg.await();
        });
    }
}
