package go4j.bench;

import go4j.Chan;
import go4j.Go;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

import static go4j.Select.defaultCase;
import static go4j.Select.recv;
import static go4j.Select.select;

/**
 * With GOMAXPROCS 1, a ping-pong over unbuffered channels next to a CPU hog (a select-with-default
 * loop), per exchange: the scheduler must keep the pair running (Go: they share one time slice
 * through runnext, and the hog is preempted). Twin of Go's {@code BenchmarkPingPongHog}
 * (runtime/proc_test.go). Go preempts the hog asynchronously; here the hog's loop calls
 * {@link Go#checkpoint()}, what the preemption agent would insert on its back-edge. No JDK
 * baseline: the JDK scheduler's parallelism cannot be set to 1 at run time, and it never
 * preempts the hog.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = Bench.ADD_OPENS)
public class PingPongHogBench {
    /** Exchanges per invocation: enough that the first wait for the hog's slice (up to 10 ms) is noise, as under Go's b.N. */
    static final int N = 200_000;

    @Benchmark
    @OperationsPerInvocation(N)
    public void go4j() {
        int previous = Go.gomaxprocs(1);
        try {
            Starter.GO4J.run(() -> hog(N));
        } finally {
            Go.gomaxprocs(previous);
        }
    }

    static void hog(int n) {
        Chan<Boolean> stop = Chan.make(), done = Chan.make();
        Go.go(() -> {
            while (select(recv(stop, null), defaultCase(null)) != 0) Go.checkpoint();
            done.send(Boolean.TRUE);
        });
        Chan<Boolean> ping = Chan.make(), pong = Chan.make();
        Go.go(() -> {
            for (int j = 0; j < n; j++) pong.send(ping.recv());
            stop.close();
            done.send(Boolean.TRUE);
        });
        Go.go(() -> {
            for (int i = 0; i < n; i++) ping.send(pong.recv());
            done.send(Boolean.TRUE);
        });
        ping.send(Boolean.TRUE); // start the ping-pong
        stop.recv();
        ping.recv(); // let the last ponger exit
        done.recv();
        done.recv();
        done.recv();
    }
}
