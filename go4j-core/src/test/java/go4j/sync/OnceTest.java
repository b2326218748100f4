package go4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OnceTest {

    @Test
    void runsOnceAndEveryCallerSeesItsEffect() {
        Once once = new Once();
        AtomicInteger calls = new AtomicInteger();
        int[] effect = {0};
        AtomicInteger sawEffect = new AtomicInteger();
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < 200; i++) {
            wg.go(() -> {
                once.run(() -> {
                    calls.incrementAndGet();
                    Thread.yield(); // let the others arrive while it runs
                    effect[0] = 42;
                });
                if (effect[0] == 42) sawEffect.incrementAndGet();
            });
        }
        wg.await();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(sawEffect.get()).isEqualTo(200);
    }

    @Test
    void panickingFunctionCountsAsDone() {
        Once once = new Once();
        assertThatThrownBy(() -> once.run(() -> { throw new IllegalArgumentException("boom"); }))
                .hasMessage("boom");
        AtomicInteger calls = new AtomicInteger();
        once.run(calls::incrementAndGet);
        assertThat(calls.get()).isZero();
    }

    @Test
    void funcCallsOnce() {
        AtomicInteger calls = new AtomicInteger();
        Runnable f = Once.func(calls::incrementAndGet);
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < 100; i++) wg.go(f);
        wg.await();
        f.run();
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void funcRethrowsTheSamePanicOnEveryCall() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("boom");
        Runnable f = Once.func(() -> {
            calls.incrementAndGet();
            throw boom;
        });
        for (int i = 0; i < 3; i++) assertThatThrownBy(f::run).isSameAs(boom);
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void valueComputesOnceAndReturnsItEveryTime() {
        AtomicInteger calls = new AtomicInteger();
        Supplier<String> v = Once.value(() -> "v" + calls.incrementAndGet());
        WaitGroup wg = new WaitGroup();
        AtomicInteger right = new AtomicInteger();
        for (int i = 0; i < 100; i++) wg.go(() -> { if ("v1".equals(v.get())) right.incrementAndGet(); });
        wg.await();
        assertThat(right.get()).isEqualTo(100);
        assertThat(v.get()).isEqualTo("v1");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void valueRethrowsTheSamePanicOnEveryCall() {
        AtomicInteger calls = new AtomicInteger();
        Error boom = new AssertionError("boom");
        Supplier<Integer> v = Once.value(() -> {
            calls.incrementAndGet();
            throw boom;
        });
        for (int i = 0; i < 3; i++) assertThatThrownBy(v::get).isSameAs(boom);
        assertThat(calls.get()).isEqualTo(1);
    }
}
