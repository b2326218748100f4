package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The global queue's order: readied work has a head start of one time slice over goroutines that
 * yielded theirs, no more (the clock is the test's).
 */
class GlobalRunQueueTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final GlobalRunQueue q = new GlobalRunQueue(now::get);
    private final P p = new P(0, RunQueue.DEFAULT_CAPACITY);
    private final Runnable[] batch = new Runnable[RunQueue.DEFAULT_CAPACITY];

    private static Runnable task(String name) {
        return new Runnable() {
            @Override public void run() {}
            @Override public String toString() { return name; }
        };
    }

    @Test
    void readiedWorkGoesBeforeAFreshlyYieldedGoroutine() {
        Runnable yielded = task("yielded"), readied = task("readied");
        q.putYielded(yielded);
        q.put(readied);
        assertThat(q.get(p, batch, 1, 1)).isSameAs(readied);
        assertThat(q.get(p, batch, 1, 1)).isSameAs(yielded); // nothing readied left
    }

    @Test
    void aYieldedGoroutineGoesBeforeWorkReadiedMoreThanASliceAfterIt() {
        Runnable yielded = task("yielded"), soon = task("readied within a slice"), late = task("readied a slice later");
        q.putYielded(yielded);
        now.addAndGet(GlobalRunQueue.READIED_HEAD_START_NS / 2);
        q.put(soon);
        now.addAndGet(GlobalRunQueue.READIED_HEAD_START_NS);
        q.put(late);
        // A poller readies work faster than it runs: the readied deque is never empty, yet the
        // yielded goroutine waits only for what was readied within a slice of its yield.
        assertThat(q.get(p, batch, 1, 1)).isSameAs(soon);
        assertThat(q.get(p, batch, 1, 1)).isSameAs(yielded);
        assertThat(q.get(p, batch, 1, 1)).isSameAs(late);
    }

    @Test
    void aTickerWokenWhileCpuLoopsTookTheirSlicesRunsBeforeThem() {
        // GOMAXPROCS 1, two CPU-bound loops: A yields, B runs its slice and yields; the ticker was
        // readied during B's slice. It goes before both, as Go's timer wake-up into runnext would.
        Runnable a = task("loop A"), b = task("loop B"), ticker = task("ticker");
        q.putYielded(a);
        now.addAndGet(GlobalRunQueue.READIED_HEAD_START_NS / 2);
        q.put(ticker);
        now.addAndGet(GlobalRunQueue.READIED_HEAD_START_NS / 2);
        q.putYielded(b);
        assertThat(q.get(p, batch, 1, 1)).isSameAs(ticker);
        assertThat(q.get(p, batch, 1, 1)).isSameAs(a);
        assertThat(q.get(p, batch, 1, 1)).isSameAs(b);
    }

    @Test
    void yieldedGoroutinesKeepTheirOrderAndTheirTimesAcrossGrowth() {
        Runnable[] yielded = new Runnable[40]; // beyond the rings' first capacity
        for (int i = 0; i < yielded.length; i++) {
            yielded[i] = task("yielded " + i);
            q.putYielded(yielded[i]);
            now.addAndGet(1);
        }
        now.addAndGet(GlobalRunQueue.READIED_HEAD_START_NS - yielded.length / 2);
        Runnable readied = task("readied");
        q.put(readied);
        // Readied more than a slice after the older half yielded: they go first, in order; then
        // the readied task; then the rest.
        for (int i = 0; i < yielded.length / 2; i++) assertThat(q.get(p, batch, 1, 1)).isSameAs(yielded[i]);
        assertThat(q.get(p, batch, 1, 1)).isSameAs(readied);
        for (int i = yielded.length / 2; i < yielded.length; i++) assertThat(q.get(p, batch, 1, 1)).isSameAs(yielded[i]);
        assertThat(q.size()).isZero();
    }

    @Test
    void aShareMovesInOrderIntoTheLocalQueueAcrossTheRingsWrapAndLeavesTheBatchEmpty() {
        // Batches of overflow wrap around the deque's ring (16 slots at first, grown by doubling);
        // a take copies its share out in one go: order kept, nothing left behind in the batch.
        java.util.List<Runnable> all = new java.util.ArrayList<>();
        int k = 0;
        for (int round = 0; round < 5; round++) {
            Runnable[] overflow = new Runnable[13];
            for (int i = 0; i < overflow.length; i++) all.add(overflow[i] = task("task " + k++));
            q.putBatch(overflow, overflow.length);
            assertThat(overflow).containsOnlyNulls();
            if (round == 1) { // take some, so that the next batches wrap
                for (int i = 0; i < 20; i++) assertThat(q.get(p, batch, 1, 1)).isSameAs(all.remove(0));
            }
        }
        java.util.List<Runnable> taken = new java.util.ArrayList<>();
        while (q.size() > 0) {
            taken.add(q.get(p, batch, 1, 0)); // a share: up to half the local queue into it, the first returned
            assertThat(batch).containsOnlyNulls();
            for (Runnable r; (r = p.runq.poll()) != null; ) taken.add(r);
        }
        assertThat(taken).containsExactlyElementsOf(all);
    }
}
