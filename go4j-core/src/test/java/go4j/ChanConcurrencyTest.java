package go4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many goroutines on channels at once: nothing lost, nothing duplicated, no deadlock. */
@Timeout(60)
class ChanConcurrencyTest {

    /**
     * 8 producers and 8 consumers; the channel is closed while producers are still sending. Every
     * send that returned normally must be received exactly once; every send that threw must not.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16})
    void noValueLostOrDuplicatedWhenClosedMidStream(int capacity) {
        int producers = 8, consumers = 8;
        long closeAfter = 20_000;
        Chan<Long> c = Chan.make(capacity);
        AtomicLongArray sentCount = new AtomicLongArray(producers), sentSum = new AtomicLongArray(producers);
        AtomicLongArray gotCount = new AtomicLongArray(producers), gotSum = new AtomicLongArray(producers);
        AtomicLong received = new AtomicLong();
        Chan<Void> enough = Chan.make();
        Goroutines prod = new Goroutines(producers), cons = new Goroutines(consumers);
        for (int p = 0; p < producers; p++) {
            int me = p;
            prod.go(() -> {
                for (long i = 0; ; i++) {
                    long v = ((long) me << 40) | i;
                    try {
                        c.send(v);
                    } catch (ChannelClosedException e) {
                        return;
                    }
                    sentCount.incrementAndGet(me);
                    sentSum.addAndGet(me, i);
                }
            });
        }
        for (int k = 0; k < consumers; k++) {
            cons.go(() -> {
                for (long v : c) {
                    int p = (int) (v >>> 40);
                    gotCount.incrementAndGet(p);
                    gotSum.addAndGet(p, v & ((1L << 40) - 1));
                    if (received.incrementAndGet() == closeAfter) enough.close();
                }
            });
        }
        enough.recv();
        c.close();
        prod.join();
        cons.join();
        long total = 0;
        for (int p = 0; p < producers; p++) {
            assertThat(gotCount.get(p)).as("count of producer %d", p).isEqualTo(sentCount.get(p));
            assertThat(gotSum.get(p)).as("checksum of producer %d", p).isEqualTo(sentSum.get(p));
            // Per producer, the values are 0..n-1: count and sum together rule out a swap of
            // one duplicate for one loss only if sum(0..n-1) matches, which it must.
            long n = sentCount.get(p);
            assertThat(gotSum.get(p)).isEqualTo(n * (n - 1) / 2);
            total += n;
        }
        assertThat(total).isEqualTo(received.get()).isGreaterThanOrEqualTo(closeAfter);
        c.checkInvariants();
    }

    /** Go's daisy chain: a value passes through 10,000 goroutines, each adding one. */
    @Test
    void chainOfTenThousandGoroutines() {
        int n = 10_000;
        Chan<Integer> leftmost = Chan.make();
        Chan<Integer> left = leftmost;
        for (int i = 0; i < n; i++) {
            Chan<Integer> l = left, right = Chan.make();
            Go.go(() -> l.send(1 + right.recv()));
            left = right;
        }
        Chan<Integer> rightmost = left;
        Go.go(() -> rightmost.send(1));
        assertThat(leftmost.recv()).isEqualTo(n + 1);
    }

    /** The concurrent prime sieve, one goroutine per prime; stopped through a done channel. */
    @Test
    void concurrentPrimeSieve() {
        int count = 200;
        Chan<Void> done = Chan.make();
        Chan<Integer> ch = Chan.make();
        Go.go(() -> { // generate 2, 3, 4, ...
            for (int i = 2; ; i++) {
                if (Select.select(Select.send(ch, i, null), Select.recv(done, null)) == 1) return;
            }
        });
        List<Integer> primes = new ArrayList<>();
        Chan<Integer> in = ch;
        for (int i = 0; i < count; i++) {
            int prime = in.recv();
            primes.add(prime);
            Chan<Integer> from = in, to = Chan.make();
            Go.go(() -> { // filter out multiples of prime
                while (true) {
                    int[] got = new int[1];
                    if (Select.select(Select.recv(from, x -> got[0] = x), Select.recv(done, null)) == 1) return;
                    int v = got[0];
                    if (v % prime != 0 && Select.select(Select.send(to, v, null), Select.recv(done, null)) == 1) return;
                }
            });
            in = to;
        }
        done.close();
        List<Integer> expected = new ArrayList<>();
        for (int n = 2; expected.size() < count; n++) {
            boolean isPrime = true;
            for (int d = 2; d * d <= n && isPrime; d++) isPrime = n % d != 0;
            if (isPrime) expected.add(n);
        }
        assertThat(primes).isEqualTo(expected);
    }
}
