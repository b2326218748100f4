package go4j.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimerHeapTest {

    private static RuntimeTimer entry(long when, long seq) {
        RuntimeTimer t = new RuntimeTimer(null, () -> {});
        t.when = when;
        t.seq = seq;
        return t;
    }

    @Test
    void pollsInDeadlineOrderThenSchedulingOrder() {
        TimerHeap h = new TimerHeap();
        Random rnd = new Random(42);
        List<RuntimeTimer> all = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            RuntimeTimer t = entry(rnd.nextInt(200), i); // many equal deadlines
            all.add(t);
            h.add(t);
        }
        h.checkInvariants();
        RuntimeTimer prev = null;
        for (int i = 0; i < all.size(); i++) {
            RuntimeTimer t = h.poll();
            if (prev != null) assertThat(prev.before(t)).isTrue();
            assertThat(t.index).isEqualTo(-1);
            prev = t;
        }
        assertThat(h.poll()).isNull();
        h.checkInvariants();
    }

    @Test
    void removeByIndexKeepsTheHeapValidAndShrinks() {
        TimerHeap h = new TimerHeap();
        Random rnd = new Random(7);
        List<RuntimeTimer> live = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            if (live.isEmpty() || rnd.nextInt(3) != 0) {
                RuntimeTimer t = entry(rnd.nextLong(1_000_000), i);
                h.add(t);
                live.add(t);
            } else {
                RuntimeTimer t = live.remove(rnd.nextInt(live.size()));
                h.remove(t);
                assertThat(t.index).isEqualTo(-1);
            }
            if (i % 997 == 0) h.checkInvariants();
        }
        assertThat(h.size()).isEqualTo(live.size());
        h.checkInvariants();
        int grown = h.capacity();
        while (!live.isEmpty()) h.remove(live.remove(live.size() / 2));
        h.checkInvariants();
        assertThat(h.size()).isZero();
        assertThat(h.capacity()).isLessThan(grown).isLessThanOrEqualTo(32);
    }
}
