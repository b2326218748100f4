package go4j;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.sync.WaitGroup;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Go's producer-consumer workload (runtime/chan_test.go's benchmarkChanProdCons), many rounds in
 * a row: GOMAXPROCS producers and consumers on one channel, so blocked senders and receivers are
 * woken all the time while stray unparks (from the channel lock) are about. A lost wake-up leaves
 * every goroutine parked and the test times out. One happened when a woken waiter's "done" flag
 * was published with a release store instead of a volatile one; it showed after tens of millions
 * of values, sometimes more, so this size is a smoke test and {@code ChanHandoffStressTest}
 * ({@code -Pstress}) runs the long version.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ChanHandoffTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 100})
    void producersAndConsumersNeverLoseAWakeUp(int capacity) {
        run(capacity, 100);
    }

    /** {@code rounds} rounds of GOMAXPROCS producers sending 50,000 values in all and as many consumers. */
    static void run(int capacity, int rounds) {
        int procs = Math.max(2, Go.gomaxprocs());
        AtomicLong received = new AtomicLong();
        int batchesPerRound = 50, batch = 1000;
        for (int r = 0; r < rounds; r++) {
            Chan<Integer> ch = Chan.make(capacity);
            AtomicInteger batches = new AtomicInteger(batchesPerRound);
            WaitGroup wg = new WaitGroup();
            for (int p = 0; p < procs; p++) {
                wg.go(() -> {
                    while (batches.decrementAndGet() >= 0) for (int i = 0; i < batch; i++) ch.send(1);
                    ch.send(0);
                });
                wg.go(() -> {
                    for (int v = ch.recv(); v != 0; v = ch.recv()) received.incrementAndGet();
                });
            }
            wg.await();
        }
        assertThat(received.get()).isEqualTo((long) rounds * batchesPerRound * batch);
    }
}
