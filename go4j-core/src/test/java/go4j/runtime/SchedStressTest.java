package go4j.runtime;

import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loom's scheduler stress tests, on go4j (profile {@code -Pstress}): Skynet, park-a-lot,
 * yield-a-lot, each under GOMAXPROCS 1, 2 and 4 as Go's {@code -cpu} flag would run them; and
 * SchedTest's each-runs-once check at a million goroutines.
 */
@ExtendWith(SchedExtension.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SchedStressTest {

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2, 4, 8})
    void aMillionGoroutinesEachRunExactlyOnce(int procs) throws InterruptedException {
        SchedTest.eachRunsExactlyOnce(SchedExtension.newSched(procs), 1_000_000);
    }

    /** One result slot a parent waits on: a parked virtual thread, unparked by the child. */
    static final class Cell {
        volatile long value = -1;
        final Thread waiter = Thread.currentThread();

        void set(long v) {
            value = v;
            LockSupport.unpark(waiter);
        }

        long get() {
            long v;
            while ((v = value) < 0) LockSupport.park(this);
            return v;
        }
    }

    static void skynet(Sched s, Cell out, long num, int size, int div) {
        if (size == 1) {
            out.set(num);
            return;
        }
        int child = size / div;
        Cell[] cells = new Cell[div];
        long sum = 0;
        for (int i = 0; i < div; i++) {
            Cell c = new Cell();
            cells[i] = c;
            long sub = num + (long) i * child;
            s.newproc(() -> skynet(s, c, sub, child, div));
        }
        for (Cell c : cells) sum += c.get();
        out.set(sum);
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2, 4})
    void skynetSumsAMillionGoroutines(int procs) throws InterruptedException {
        Sched s = SchedExtension.newSched(procs);
        long[] result = new long[1];
        SchedExtension.runIn(s, () -> {
            Cell root = new Cell();
            skynet(s, root, 0, 1_000_000, 10);
            result[0] = root.get();
        });
        assertThat(result[0]).isEqualTo(499_999_500_000L);
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2, 4})
    void parkALot(int procs) throws InterruptedException {
        Sched s = SchedExtension.newSched(procs);
        int goroutines = 1_000, rounds = 1_000;
        AtomicLong unparks = new AtomicLong();
        CountDownLatch done = new CountDownLatch(goroutines);
        Thread[] ts = new Thread[goroutines];
        for (int i = 0; i < goroutines; i++) {
            ts[i] = s.newproc(() -> {
                for (int r = 0; r < rounds; r++) LockSupport.park(); // spurious or real wake-ups alike
                done.countDown();
            }).thread();
        }
        while (done.getCount() > 0) {
            for (Thread t : ts) {
                LockSupport.unpark(t);
                unparks.incrementAndGet();
            }
        }
        assertThat(unparks.get()).isGreaterThanOrEqualTo(rounds);
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2, 4})
    void yieldALot(int procs) throws InterruptedException {
        Sched s = SchedExtension.newSched(procs);
        int goroutines = 1_000, rounds = 10_000;
        AtomicLong yields = new AtomicLong();
        CountDownLatch done = new CountDownLatch(goroutines);
        for (int i = 0; i < goroutines; i++) {
            s.newproc(() -> {
                for (int r = 0; r < rounds; r++) {
                    Thread.yield();
                    yields.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await();
        assertThat(yields.get()).isEqualTo((long) goroutines * rounds);
    }
}
