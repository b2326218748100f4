package go4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The public face of the runtime: go, run, gosched, gomaxprocs, numGoroutine, schedtrace. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GoTest {

    @Test
    void schedulerIsActiveWithTheOpensFlag() {
        assertThat(Go.schedulerActive()).isTrue();
    }

    @Test
    void goRunsTheBodyOnAVirtualThreadNamedGoroutine() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean virtual = new AtomicBoolean();
        String[] name = new String[1];
        Go.go(() -> {
            virtual.set(Thread.currentThread().isVirtual());
            name[0] = Thread.currentThread().getName();
            done.countDown();
        });
        done.await();
        assertThat(virtual).isTrue();
        assertThat(name[0]).isEqualTo("goroutine");
    }

    @Test
    void runWaitsForTheBody() {
        AtomicInteger n = new AtomicInteger();
        Go.run(() -> {
            for (int i = 0; i < 100; i++) Go.gosched();
            n.set(7);
        });
        assertThat(n).hasValue(7);
    }

    @Test
    void runRethrowsUncheckedExceptionsAsTheyAre() {
        assertThatThrownBy(() -> Go.run(() -> { throw new IllegalArgumentException("bad"); }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bad");
        assertThatThrownBy(() -> Go.run(() -> { throw new UncheckedIOException(new IOException("io")); }))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void runNestsInsideAGoroutine() {
        AtomicInteger depth = new AtomicInteger();
        Go.run(() -> Go.run(() -> Go.run(depth::incrementAndGet)));
        assertThat(depth).hasValue(1);
    }

    @Test
    void numGoroutineCountsParkedGoroutines() throws InterruptedException {
        int before = Go.numGoroutine();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(10);
        for (int i = 0; i < 10; i++) {
            Go.go(() -> {
                started.countDown();
                try { release.await(); } catch (InterruptedException e) { throw new AssertionError(e); }
            });
        }
        started.await();
        assertThat(Go.numGoroutine()).isGreaterThanOrEqualTo(before + 10);
        release.countDown();
    }

    @Test
    void gomaxprocsQueryDoesNotChangeIt() {
        int n = Go.gomaxprocs();
        assertThat(Go.gomaxprocs(0)).isEqualTo(n);
        assertThat(Go.gomaxprocs()).isEqualTo(n);
        assertThat(n).isPositive();
    }

    @Test
    void panicHandlerReceivesTheGoroutinesException() throws InterruptedException {
        CountDownLatch got = new CountDownLatch(1);
        Throwable[] seen = new Throwable[1];
        PanicHandler old = Go.setPanicHandler((goid, t) -> { seen[0] = t; got.countDown(); });
        try {
            Go.go(() -> { throw new IllegalStateException("boom"); });
            got.await();
            assertThat(seen[0]).hasMessage("boom");
        } finally {
            Go.setPanicHandler(old);
        }
    }

    @Test
    void schedtraceIsOneLineInGosForm() {
        assertThat(Go.schedtrace()).startsWith("SCHED ").contains(" gomaxprocs=", " idleprocs=", " threads=",
                " spinningthreads=", " idlethreads=", " runqueue=", " schedticks=[", " steals=[").doesNotContain("\n");
    }
}
