package go4j;

import static go4j.Goroutines.awaitReceivers;
import static go4j.Goroutines.awaitSenders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Go's runtime channel tests (src/runtime/chan_test.go), ported by name and size. Where Go sleeps
 * "long enough" to see that an operation blocks, these wait until the channel reports the
 * goroutine queued, which proves it.
 */
@Timeout(120)
class GoRuntimeChanTest {

    /** TestChan, at Go's {@code -short} size: every capacity 0..19, GOMAXPROCS 4. */
    @Test
    void testChan() {
        int previous = Go.gomaxprocs(4);
        try {
            for (int chanCap = 0; chanCap < 20; chanCap++) testChanAt(chanCap);
        } finally {
            Go.gomaxprocs(previous);
        }
    }

    static void testChanAt(int chanCap) {
        {
            // Receive from an empty channel blocks; non-blocking receive does not.
            Chan<Integer> c = Chan.make(chanCap);
            AtomicBoolean recv1 = new AtomicBoolean(), recv2 = new AtomicBoolean();
            Goroutines g = new Goroutines(2);
            g.go(() -> { c.recv(); recv1.set(true); });
            g.go(() -> { c.recvOk(); recv2.set(true); });
            awaitReceivers(c, 2);
            assertThat(recv1.get() || recv2.get()).as("chan[%d]: receive from empty chan", chanCap).isFalse();
            assertThat(Select.select(Select.recv(c, v -> fail("chan[%d]: receive from empty chan", chanCap)),
                    Select.defaultCase(null))).isEqualTo(1);
            assertThat(Select.select(Select.recvOk(c, (v, ok) -> fail("chan[%d]: receive from empty chan", chanCap)),
                    Select.defaultCase(null))).isEqualTo(1);
            c.send(0);
            c.send(0);
            g.join();
        }
        {
            // Send to a full channel blocks; non-blocking send does not.
            Chan<Integer> c = Chan.make(chanCap);
            for (int i = 0; i < chanCap; i++) c.send(i);
            AtomicBoolean sent = new AtomicBoolean();
            Goroutines g = new Goroutines(1);
            g.go(() -> { c.send(0); sent.set(true); });
            awaitSenders(c, 1);
            assertThat(sent.get()).as("chan[%d]: send to full chan", chanCap).isFalse();
            assertThat(Select.select(Select.send(c, 0, () -> fail("chan[%d]: send to full chan", chanCap)),
                    Select.defaultCase(null))).isEqualTo(1);
            c.recv();
            g.join();
        }
        {
            // Receive the zero value from a closed channel.
            Chan<Integer> c = Chan.make(chanCap);
            for (int i = 0; i < chanCap; i++) c.send(i);
            c.close();
            for (int i = 0; i < chanCap; i++) assertThat(c.recv()).isEqualTo(i);
            assertThat(c.recv()).isNull();
            assertThat(c.recvOk()).isEqualTo(new Chan.Received<Integer>(null, false));
        }
        {
            // Close unblocks receive.
            Chan<Integer> c = Chan.make(chanCap);
            Chan<Boolean> done = Chan.make();
            Go.go(() -> {
                Chan.Received<Integer> r = c.recvOk();
                done.send(r.value() == null && !r.ok());
            });
            awaitReceivers(c, 1);
            c.close();
            assertThat(done.recv()).as("chan[%d]: received non zero from closed chan", chanCap).isTrue();
        }
        {
            // Send 100 integers, receive them in FIFO order; the same with recvOk.
            Chan<Integer> c = Chan.make(chanCap);
            Go.go(() -> { for (int i = 0; i < 100; i++) c.send(i); });
            for (int i = 0; i < 100; i++) assertThat(c.recv()).isEqualTo(i);
            Go.go(() -> { for (int i = 0; i < 100; i++) c.send(i); });
            for (int i = 0; i < 100; i++) assertThat(c.recvOk()).isEqualTo(new Chan.Received<>(i, true));

            // Send 1000 integers in 4 goroutines, receive what was sent.
            int p = 4, l = 1000;
            for (int k = 0; k < p; k++) Go.go(() -> { for (int i = 0; i < l; i++) c.send(i); });
            Chan<Map<Integer, Integer>> done = Chan.make();
            for (int k = 0; k < p; k++) {
                Go.go(() -> {
                    Map<Integer, Integer> recv = new HashMap<>();
                    for (int i = 0; i < l; i++) recv.merge(c.recv(), 1, Integer::sum);
                    done.send(recv);
                });
            }
            Map<Integer, Integer> recv = new HashMap<>();
            for (int k = 0; k < p; k++) done.recv().forEach((key, v) -> recv.merge(key, v, Integer::sum));
            assertThat(recv).hasSize(l);
            assertThat(recv.values()).allMatch(v -> v == p);
        }
        {
            // len and cap.
            Chan<Integer> c = Chan.make(chanCap);
            assertThat(c.len()).isZero();
            assertThat(c.cap()).isEqualTo(chanCap);
            for (int i = 0; i < chanCap; i++) c.send(i);
            assertThat(c.len()).isEqualTo(chanCap);
            assertThat(c.cap()).isEqualTo(chanCap);
        }
    }

    /** TestNonblockRecvRace: a non-blocking receive of a ready value never takes default. */
    @Test
    void testNonblockRecvRace() {
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            Chan<Integer> c = Chan.make(1);
            c.send(1);
            Goroutines g = new Goroutines(1);
            g.go(() -> {
                if (Select.select(Select.recv(c, null), Select.defaultCase(null)) == 1) fail("chan is not ready");
            });
            c.close();
            c.recv();
            g.join();
        }
    }

    /** TestNonblockSelectRace: a select never takes default while one of its cases is ready. */
    @Test
    void testNonblockSelectRace() {
        int n = 100_000;
        Chan<Boolean> done = Chan.make(1);
        for (int i = 0; i < n; i++) {
            Chan<Integer> c1 = Chan.make(1), c2 = Chan.make(1);
            c1.send(1);
            Go.go(() -> done.send(Select.select(
                    Select.recv(c1, null), Select.recv(c2, null), Select.defaultCase(null)) != 2));
            c2.send(1);
            Select.select(Select.recv(c1, null), Select.recv(c2, null));
            if (!done.recv()) fail("no chan is ready (iteration %d)", i);
        }
    }

    /** TestNonblockSelectRace2: the same with close instead of a send. */
    @Test
    void testNonblockSelectRace2() {
        int n = 100_000;
        Chan<Boolean> done = Chan.make(1);
        for (int i = 0; i < n; i++) {
            Chan<Integer> c1 = Chan.make(1), c2 = Chan.make();
            c1.send(1);
            Go.go(() -> done.send(Select.select(
                    Select.recv(c1, null), Select.recv(c2, null), Select.defaultCase(null)) != 2));
            c2.close();
            Select.select(Select.recv(c1, null), Select.recv(c2, null));
            if (!done.recv()) fail("no chan is ready (iteration %d)", i);
        }
    }

    /** TestSelfSelect: send and receive on the same channel in one select neither crash nor deadlock. */
    @Test
    void testSelfSelect() {
        int previous = Go.gomaxprocs(2);
        try {
            for (int chanCap : new int[] {0, 10}) {
                Chan<Integer> c = Chan.make(chanCap);
                Goroutines g = new Goroutines(2);
                for (int p = 0; p < 2; p++) {
                    int me = p;
                    g.go(() -> {
                        for (int i = 0; i < 1000; i++) {
                            Select.Case send = Select.send(c, me, null);
                            Select.Case recv = Select.recv(c, v -> {
                                if (chanCap == 0 && v == me) fail("self receive");
                            });
                            if (me == 0 || i % 2 == 0) Select.select(send, recv);
                            else Select.select(recv, send);
                        }
                    });
                }
                g.join();
            }
        } finally {
            Go.gomaxprocs(previous);
        }
    }

    /**
     * TestSelectStress: 4 channels (capacities 0, 0, 2, 3); per channel a sender and a receiver of
     * N values, plus one goroutine sending N on each through one select and one receiving N from
     * each through one select. It must not deadlock.
     */
    @Test
    void testSelectStress() {
        int previous = Go.gomaxprocs(10);
        try {
            @SuppressWarnings({"unchecked", "rawtypes"}) Chan<Integer>[] c = new Chan[] {
                    Chan.make(), Chan.make(), Chan.make(2), Chan.make(3)};
            int n = 100_000; // Go's full size (its -short size is a tenth)
            selectStress(c, n);
        } finally {
            Go.gomaxprocs(previous);
        }
    }

    static void selectStress(Chan<Integer>[] c, int n) {
        Goroutines g = new Goroutines(10);
        Integer zero = 0;
        for (int k = 0; k < 4; k++) {
            Chan<Integer> ck = c[k];
            g.go(() -> { for (int i = 0; i < n; i++) ck.send(zero); });
            g.go(() -> { for (int i = 0; i < n; i++) ck.recv(); });
        }
        g.go(() -> {
            int[] cnt = new int[4];
            Chan<Integer>[] c1 = c.clone();
            for (int i = 0; i < 4 * n; i++) {
                int chosen = Select.select(
                        Select.send(c1[3], zero, null), Select.send(c1[2], zero, null),
                        Select.send(c1[0], zero, null), Select.send(c1[1], zero, null));
                int k = new int[] {3, 2, 0, 1}[chosen];
                if (++cnt[k] == n) c1[k] = null;
            }
        });
        g.go(() -> {
            int[] cnt = new int[4];
            Chan<Integer>[] c1 = c.clone();
            for (int i = 0; i < 4 * n; i++) {
                int chosen = Select.select(
                        Select.recv(c1[0], null), Select.recv(c1[1], null),
                        Select.recv(c1[2], null), Select.recv(c1[3], null));
                if (++cnt[chosen] == n) c1[chosen] = null;
            }
        });
        g.join();
        for (Chan<Integer> ck : c) {
            assertThat(ck.len()).isZero();
            ck.checkInvariants();
        }
    }

    /** TestSelectFairness: two always-ready buffered channels are chosen equally, within 10 sigma. */
    @Test
    void testSelectFairness() {
        int trials = 10_000;
        Chan<Integer> c1 = Chan.make(trials + 1), c2 = Chan.make(trials + 1);
        for (int i = 0; i < trials + 1; i++) {
            c1.send(1);
            c2.send(2);
        }
        Chan<Integer> c3 = Chan.make(), c4 = Chan.make(), out = Chan.make();
        Chan<Void> done = Chan.make();
        Goroutines g = new Goroutines(1);
        g.go(() -> {
            int[] b = new int[1];
            while (true) {
                Select.select(Select.recv(c3, v -> b[0] = v), Select.recv(c4, v -> b[0] = v),
                        Select.recv(c1, v -> b[0] = v), Select.recv(c2, v -> b[0] = v));
                if (Select.select(Select.send(out, b[0], null), Select.recv(done, null)) == 1) return;
            }
        });
        int cnt1 = 0, cnt2 = 0;
        for (int i = 0; i < trials; i++) {
            int b = out.recv();
            if (b == 1) cnt1++;
            else if (b == 2) cnt2++;
            else fail("unexpected value %d on channel", b);
        }
        double r = (double) cnt1 / trials, e = Math.abs(r - 0.5);
        assertThat(e).as("unfair select: in %d trials, results were %d, %d", trials, cnt1, cnt2)
                .isLessThanOrEqualTo(10 * Math.sqrt(0.25 / trials));
        done.close();
        g.join();
    }

    /** TestMultiConsumer: 23 workers, 271,828 items; exact count and sum arrive. */
    @Test
    void testMultiConsumer() {
        int nwork = 23, niter = 271_828;
        int[] pn = {2, 3, 7, 11, 13, 17, 19, 23, 27, 31};
        Chan<Integer> q = Chan.make(nwork * 3), r = Chan.make(nwork * 3);
        Goroutines workers = new Goroutines(nwork);
        for (int i = 0; i < nwork; i++) {
            int w = i;
            workers.go(() -> {
                for (int v : q) {
                    if (pn[w % pn.length] == v) Go.gosched(); // mess with the FIFO-ish nature of range
                    r.send(v);
                }
            });
        }
        long[] expect = new long[1];
        AtomicInteger feederDone = new AtomicInteger();
        Go.go(() -> {
            for (int i = 0; i < niter; i++) {
                int v = pn[i % pn.length];
                expect[0] += v;
                q.send(v);
            }
            q.close();
            workers.join();
            feederDone.set(1);
            r.close();
        });
        long n = 0, s = 0;
        for (int v : r) {
            n++;
            s += v;
        }
        assertThat(feederDone.get()).isOne(); // r closed after the feeder wrote expect
        assertThat(n).isEqualTo(niter);
        assertThat(s).isEqualTo(expect[0]);
    }
}
