package go4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import go4j.Chan;
import go4j.Go;
import go4j.context.Context;
import go4j.context.CancelableContext;
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

    // ---- withContext ----

    @Test
    void withContextCancelsSiblingsOnTheFirstError() {
        ErrGroup g = ErrGroup.withContext(Context.background());
        Context ctx = g.context();
        Chan<String> never = Chan.make();
        AtomicInteger stopped = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            g.go(() -> {
                try {
                    never.recv(ctx); // waits until a sibling fails
                } catch (go4j.context.ContextException e) {
                    stopped.incrementAndGet();
                    throw e;
                }
            });
        }
        IOException boom = new IOException("boom");
        g.go(() -> { throw boom; });
        assertThat(g.await()).isSameAs(boom);
        assertThat(stopped.get()).isEqualTo(5);
        assertThat(ctx.err()).isSameAs(Context.CANCELED);
        assertThat(Context.cause(ctx)).as("the first error is the cause").isSameAs(boom);
    }

    @Test
    void withContextCancelsWhenAwaitReturns() {
        CancelableContext parent = Context.withCancel(Context.background());
        ErrGroup g = ErrGroup.withContext(parent);
        AtomicInteger ran = new AtomicInteger();
        g.go(ran::incrementAndGet);
        assertThat(g.await()).isNull();
        assertThat(g.context().err()).isSameAs(Context.CANCELED);
        assertThat(Context.cause(g.context())).isSameAs(Context.CANCELED);
        assertThat(parent.err()).as("the parent is not cancelled").isNull();
        assertThat(ran.get()).isEqualTo(1);
        parent.cancel();
    }

    @Test
    void withContextFollowsItsParent() {
        CancelableContext parent = Context.withCancel(Context.background());
        ErrGroup g = ErrGroup.withContext(parent);
        Context ctx = g.context();
        g.go(() -> ctx.done().recv());
        parent.cancel();
        assertThat(g.await()).isNull();
        assertThat(ctx.err()).isSameAs(Context.CANCELED);
    }

    @Test
    void aPlainGroupHasNoContext() {
        assertThatThrownBy(() -> new ErrGroup().context()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ErrGroup.withContext(null)).hasMessage("cannot create context from nil parent");
    }
}
