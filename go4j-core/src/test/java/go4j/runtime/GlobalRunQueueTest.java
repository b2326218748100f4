package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The global queue's order: readied work before goroutines that yielded their slice, but a
 * yielded goroutine waits behind readied work for one time slice at most (the clock is the test's).
 */
class GlobalRunQueueTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final GlobalRunQueue q = new GlobalRunQueue(now::get);
    private final P p = new P(0, RunQueue.DEFAULT_CAPACITY);

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
        assertThat(q.get(p, 1, 1)).isSameAs(readied);
        assertThat(q.get(p, 1, 1)).isSameAs(yielded); // nothing readied left
    }

    @Test
    void aYieldedGoroutineWaitsOneSliceAtMostWhileReadiedWorkKeepsComing() {
        Runnable yielded = task("yielded");
        q.putYielded(yielded);
        // A poller readies work faster than it runs: the readied deque is never empty.
        for (int i = 0; i < 5; i++) {
            q.put(task("readied " + i));
            assertThat(q.get(p, 1, 1)).isNotSameAs(yielded);
            now.addAndGet(GlobalRunQueue.YIELDED_MAX_WAIT_NS / 10);
            q.put(task("readied later " + i));
        }
        now.addAndGet(GlobalRunQueue.YIELDED_MAX_WAIT_NS);
        assertThat(q.get(p, 1, 1)).isSameAs(yielded);
    }

    @Test
    void yieldedGoroutinesKeepTheirOrderAndTheirTimesAcrossGrowth() {
        Runnable[] yielded = new Runnable[40]; // beyond the timestamps' first capacity
        for (int i = 0; i < yielded.length; i++) {
            yielded[i] = task("yielded " + i);
            q.putYielded(yielded[i]);
            now.addAndGet(1);
        }
        Runnable readied = task("readied");
        q.put(readied);
        now.addAndGet(GlobalRunQueue.YIELDED_MAX_WAIT_NS - yielded.length / 2);
        // The older half has waited a slice: they go first, in order; then the readied task.
        for (int i = 0; i <= yielded.length / 2; i++) assertThat(q.get(p, 1, 1)).isSameAs(yielded[i]);
        assertThat(q.get(p, 1, 1)).isSameAs(readied);
        for (int i = yielded.length / 2 + 1; i < yielded.length; i++) assertThat(q.get(p, 1, 1)).isSameAs(yielded[i]);
        assertThat(q.size()).isZero();
    }
}
