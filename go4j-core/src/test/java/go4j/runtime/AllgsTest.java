package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The registry of all goroutines: slots filled by a shard's owner, emptied by whoever ends a record. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AllgsTest {
    private final ReferenceQueue<Thread> queue = new ReferenceQueue<>();
    private final Thread someThread = Thread.currentThread();

    private G record(long goid) {
        return new G(someThread, queue, goid, 0, null, null);
    }

    private static List<Long> goids(Allgs a) {
        List<Long> ids = new ArrayList<>();
        for (G r : a.all()) ids.add(r.goid);
        return ids;
    }

    @Test
    void endedAndLeakedRecordsLeaveTheSnapshotButLeakedOnesStillCount() {
        Allgs a = new Allgs();
        Allgs.Shard mine = a.newShard();
        G ends = record(1), leaks = record(2), stays = record(3), shared = record(4);
        a.add(ends, mine);
        a.add(leaks, mine);
        a.add(stays, mine);
        a.add(shared, null);
        assertThat(goids(a)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(a.size()).isEqualTo(4);

        a.exit(ends, mine);
        assertThat(ends.exited()).isTrue();
        assertThat(ends.thread()).as("an ended G still gives its thread to whoever joins it").isSameAs(someThread);
        assertThat(a.claimLeak(ends)).as("an ended goroutine is no leak").isFalse();

        assertThat(a.claimLeak(leaks)).isTrue();
        assertThat(a.claimLeak(leaks)).as("claimed once only").isFalse();

        assertThat(goids(a)).containsExactlyInAnyOrder(3L, 4L);
        assertThat(a.size()).as("the leaked goroutine never ended: it still counts").isEqualTo(3);

        a.exit(shared, null);
        assertThat(goids(a)).containsExactly(3L);
        assertThat(a.size()).isEqualTo(2);
    }

    @Test
    void emptiedSlotsAreReusedSoTheShardDoesNotGrowWithChurn() {
        Allgs a = new Allgs();
        Allgs.Shard mine = a.newShard();
        G[] live = new G[10];
        for (int i = 0; i < live.length; i++) a.add(live[i] = record(i), mine);
        List<G[]> slotArrays = new ArrayList<>();
        for (long goid = 100; goid < 100_000; goid++) {
            G r = record(goid);
            a.add(r, mine);
            if (!slotArrays.contains(r.slots)) slotArrays.add(r.slots);
            a.exit(r, mine);
        }
        assertThat(slotArrays).as("ten live records and churn fit in the first array").hasSize(1);
        assertThat(goids(a)).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(a.size()).isEqualTo(10);
    }

    @Test
    void aShardGrowsToHoldEveryLiveRecord() {
        Allgs a = new Allgs();
        Allgs.Shard mine = a.newShard();
        int n = 10_000;
        List<G> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            G r = record(i);
            a.add(r, mine);
            all.add(r);
        }
        assertThat(a.all()).hasSize(n);
        assertThat(a.size()).isEqualTo(n);
        for (int i = 0; i < n; i += 2) a.exit(all.get(i), mine);
        assertThat(a.all()).hasSize(n / 2).allMatch(r -> r.goid % 2 == 1);
        // Refilling the emptied slots does not lose or duplicate the records still there.
        for (int i = n; i < n + n / 2; i++) a.add(record(i), mine);
        List<Long> ids = goids(a);
        assertThat(ids).hasSize(n).doesNotHaveDuplicates();
    }

    @Test
    void endsCountedOnOtherShardsAndSnapshotsTakenMeanwhileStayConsistent() throws Throwable {
        Allgs a = new Allgs();
        Allgs.Shard spawner = a.newShard(), ender = a.newShard();
        int n = 50_000;
        G[] rs = new G[n];
        for (int i = 0; i < n; i++) rs[i] = record(i);
        AtomicInteger added = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                while (added.get() < n) {
                    assertThat(a.size()).isBetween(0L, (long) n);
                    assertThat(goids(a)).doesNotHaveDuplicates();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        // This thread fills the spawner's shard; another ends the records, counting on its own shard.
        Thread ending = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < n; i++) {
                while (added.get() <= i) Thread.onSpinWait(); // ends follow creations
                a.exit(rs[i], ender);
            }
        });
        for (int i = 0; i < n; i++) {
            a.add(rs[i], spawner);
            added.set(i + 1);
        }
        ending.join();
        reader.join();
        if (failure.get() != null) throw failure.get();
        assertThat(a.size()).isZero();
        assertThat(a.all()).isEmpty();
    }
}
