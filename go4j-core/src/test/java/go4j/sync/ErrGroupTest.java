package go4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import go4j.Go;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ErrGroupTest {

    @Test
    void awaitReturnsNullWhenNoTaskFails() {
        ErrGroup g = new ErrGroup();
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 100; i++) g.go(ran::incrementAndGet);
        assertThat(g.await()).isNull();
        assertThat(ran.get()).isEqualTo(100);
    }

    @Test
    void awaitReturnsTheFirstError() {
        ErrGroup g = new ErrGroup();
        g.setLimit(1); // the second task starts only after the first has finished (and failed)
        IOException first = new IOException("first");
        g.go(() -> { throw first; });
        g.go(() -> { throw new IllegalStateException("second"); });
        g.go(() -> {});
        assertThat(g.await()).isSameAs(first);
    }

    @Test
    void awaitWaitsForEveryTaskEvenAfterAnError() {
        ErrGroup g = new ErrGroup();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        g.go(() -> { throw new IOException("early"); });
        g.go(() -> {
            release.await();
            finished.incrementAndGet();
        });
        Go.go(release::countDown);
        assertThat(g.await()).hasMessage("early");
        assertThat(finished.get()).isEqualTo(1);
    }

    @Test
    void limitBoundsActiveGoroutines() {
        ErrGroup g = new ErrGroup();
        int limit = 3;
        g.setLimit(limit);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 200; i++) {
            g.go(() -> {
                max.accumulateAndGet(active.incrementAndGet(), Math::max);
                for (int k = 0; k < 3; k++) Thread.yield();
                active.decrementAndGet();
                ran.incrementAndGet();
            });
        }
        assertThat(g.await()).isNull();
        assertThat(max.get()).isBetween(1, limit);
        assertThat(ran.get()).isEqualTo(200);
    }

    @Test
    void tryGoRefusesAtTheLimit() throws Exception {
        ErrGroup g = new ErrGroup();
        g.setLimit(1);
        CountDownLatch release = new CountDownLatch(1);
        assertThat(g.tryGo(release::await)).isTrue();
        AtomicInteger ran = new AtomicInteger();
        assertThat(g.tryGo(ran::incrementAndGet)).isFalse();
        assertThatThrownBy(() -> g.setLimit(2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("errgroup: modify limit while 1 goroutines in the group are still active");
        release.countDown();
        assertThat(g.await()).isNull();
        assertThat(g.tryGo(ran::incrementAndGet)).isTrue();
        assertThat(g.await()).isNull();
        assertThat(ran.get()).isEqualTo(1);
        g.setLimit(-1);
        assertThat(g.tryGo(() -> {})).isTrue();
        assertThat(g.await()).isNull();
    }

    @Test
    void limitOfGomaxprocs() {
        ErrGroup g = new ErrGroup();
        g.setLimit(Go.gomaxprocs());
        AtomicInteger active = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        for (int i = 0; i < 50; i++) {
            g.go(() -> {
                max.accumulateAndGet(active.incrementAndGet(), Math::max);
                Thread.yield();
                active.decrementAndGet();
            });
        }
        assertThat(g.await()).isNull();
        assertThat(max.get()).isLessThanOrEqualTo(Go.gomaxprocs());
    }
}
