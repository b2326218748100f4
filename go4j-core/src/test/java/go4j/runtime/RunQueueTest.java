package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunQueueTest {
    private static Runnable task(List<Integer> log, int i) {
        return () -> log.add(i);
    }

    private static Runnable[] tasks(int n) {
        Runnable[] ts = new Runnable[n];
        for (int i = 0; i < n; i++) ts[i] = () -> {};
        return ts;
    }

    @Test
    void pollIsFifo() {
        RunQueue q = new RunQueue(8);
        List<Integer> log = new ArrayList<>();
        for (int i = 0; i < 5; i++) assertThat(q.offer(task(log, i))).isTrue();
        Runnable r;
        while ((r = q.poll()) != null) r.run();
        assertThat(log).containsExactly(0, 1, 2, 3, 4);
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void offerFailsWhenFullAndWrapsAround() {
        RunQueue q = new RunQueue(4);
        Runnable[] ts = tasks(4);
        for (Runnable t : ts) assertThat(q.offer(t)).isTrue();
        assertThat(q.offer(() -> {})).isFalse();
        assertThat(q.poll()).isSameAs(ts[0]);
        Runnable extra = () -> {};
        assertThat(q.offer(extra)).isTrue(); // wraps into the freed slot
        assertThat(q.size()).isEqualTo(4);
        assertThat(q.poll()).isSameAs(ts[1]);
        assertThat(q.poll()).isSameAs(ts[2]);
        assertThat(q.poll()).isSameAs(ts[3]);
        assertThat(q.poll()).isSameAs(extra);
        assertThat(q.poll()).isNull();
    }

    @Test
    void drainHalfTakesTheOlderHalfOfAFullQueue() {
        RunQueue q = new RunQueue(8);
        Runnable[] ts = tasks(8);
        for (Runnable t : ts) q.offer(t);
        Runnable[] batch = new Runnable[8];
        assertThat(q.drainHalf(batch)).isEqualTo(4);
        assertThat(batch).startsWith(ts[0], ts[1], ts[2], ts[3]);
        assertThat(q.poll()).isSameAs(ts[4]);
    }

    @Test
    void grabHalfRoundsUp() {
        RunQueue q = new RunQueue(8);
        Runnable[] ts = tasks(5);
        for (Runnable t : ts) q.offer(t);
        Runnable[] batch = new Runnable[8];
        assertThat(q.grabHalf(batch)).isEqualTo(3);
        assertThat(batch).startsWith(ts[0], ts[1], ts[2]);
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.grabHalf(batch)).isEqualTo(1);
        assertThat(q.grabHalf(batch)).isEqualTo(1);
        assertThat(q.grabHalf(batch)).isZero();
    }

    @Test
    void takenSlotsAreCleared() throws Exception {
        RunQueue q = new RunQueue(4);
        q.offer(() -> {});
        q.poll();
        var ring = RunQueue.class.getDeclaredField("ring");
        ring.setAccessible(true);
        assertThat((Object[]) ring.get(q)).containsOnlyNulls();
    }

    @Test
    void concurrentStealersAndOwnerTakeEachTaskExactlyOnce() throws Exception {
        RunQueue q = new RunQueue(16);
        int total = 200_000;
        java.util.concurrent.atomic.AtomicIntegerArray seen = new java.util.concurrent.atomic.AtomicIntegerArray(total);
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        Runnable[] ts = new Runnable[total];
        for (int i = 0; i < total; i++) {
            int id = i;
            ts[i] = () -> seen.incrementAndGet(id);
        }
        List<Thread> stealers = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            stealers.add(Thread.ofPlatform().start(() -> {
                Runnable[] batch = new Runnable[16];
                while (taken.get() < total) {
                    int n = q.grabHalf(batch);
                    for (int i = 0; i < n; i++) batch[i].run();
                    taken.addAndGet(n);
                }
            }));
        }
        for (int i = 0; i < total; ) {
            if (q.offer(ts[i])) i++;
            else {
                Runnable r = q.poll();
                if (r != null) { r.run(); taken.incrementAndGet(); }
            }
        }
        Runnable r;
        while ((r = q.poll()) != null) { r.run(); taken.incrementAndGet(); }
        for (Thread t : stealers) t.join();
        assertThat(taken.get()).isEqualTo(total);
        for (int i = 0; i < total; i++) assertThat(seen.get(i)).as("task %d", i).isEqualTo(1);
    }

    /**
     * A stealer that loses the race for its copied slots must not keep them: the batch is an M's,
     * and a stale task there keeps a goroutine reachable after it blocks for good (a leak never
     * reported). The owner fills the queue a little and takes it all back while a stealer grabs,
     * over and over; a grab that copies many slots gives the owner time to take them first.
     */
    @Test
    void aStealerWhoseClaimFailsLeavesNothingInItsBatch() throws Exception {
        RunQueue q = new RunQueue(256);
        int rounds = 50_000;
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger stale = new java.util.concurrent.atomic.AtomicInteger();
        Thread stealer = Thread.ofPlatform().start(() -> {
            Runnable[] batch = new Runnable[256];
            while (!done.get()) {
                int n = q.grabHalf(batch);
                for (int i = 0; i < n; i++) batch[i] = null; // what runqsteal does with what it took
                for (Runnable r : batch) if (r != null) stale.incrementAndGet();
                java.util.Arrays.fill(batch, null);
            }
        });
        Runnable[] ts = tasks(64);
        for (int i = 0; i < rounds; i++) {
            for (Runnable t : ts) q.offer(t);
            while (q.poll() != null) { } // whatever the stealer did not take
        }
        done.set(true);
        stealer.join();
        assertThat(stale.get()).as("tasks left in a stealer's batch that it did not take").isZero();
    }
}
