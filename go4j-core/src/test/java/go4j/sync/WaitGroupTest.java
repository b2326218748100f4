package go4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import go4j.Until;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitGroupTest {

    @Test
    void awaitReturnsAfterEveryGoroutineIsDone() {
        WaitGroup wg = new WaitGroup();
        AtomicInteger finished = new AtomicInteger();
        int n = 1_000;
        for (int i = 0; i < n; i++) wg.go(finished::incrementAndGet);
        wg.await();
        assertThat(finished.get()).isEqualTo(n);
        assertThat(wg.counter()).isZero();
    }

    @Test
    void awaitOnZeroCounterReturnsAtOnce() {
        new WaitGroup().await();
    }

    @Test
    void manyWaitersAllWakeAndGroupIsReusable() throws Exception {
        WaitGroup wg = new WaitGroup();
        for (int round = 0; round < 20; round++) {
            wg.add(1);
            List<Thread> waiters = new ArrayList<>();
            AtomicInteger woke = new AtomicInteger();
            for (int i = 0; i < 50; i++) {
                waiters.add(Thread.ofVirtual().start(() -> {
                    wg.await();
                    woke.incrementAndGet();
                }));
            }
            Until.until(() -> wg.waiters() == 50);
            assertThat(woke.get()).isZero();
            wg.done();
            for (Thread t : waiters) t.join();
            assertThat(woke.get()).isEqualTo(50);
            assertThat(wg.waiters()).isZero();
        }
    }

    @Test
    void waiterParksWithWaitReason() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        Thread t = Thread.ofVirtual().start(wg::await);
        assertThat(Until.blockerOf(t)).isEqualTo("sync.WaitGroup.Wait");
        wg.done();
        t.join();
    }

    @Test
    void negativeCounterPanics() {
        WaitGroup wg = new WaitGroup();
        assertThatThrownBy(wg::done)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sync: negative WaitGroup counter");
        wg.add(2);
        assertThatThrownBy(() -> wg.add(-3)).hasMessage("sync: negative WaitGroup counter");
        assertThat(wg.counter()).isEqualTo(2);
    }

    /**
     * The state Go detects as misuse: the counter is zero but waiters are registered (the last
     * done is releasing them) when an add starts a new round.
     */
    @Test
    void addConcurrentWithWaitIsDetected() {
        WaitGroup wg = new WaitGroup();
        wg.setStateForTest(0, 1);
        assertThatThrownBy(() -> wg.add(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sync: WaitGroup misuse: Add called concurrently with Wait");
    }

    /**
     * What a waiter sees when the group was reused (a new round's add) between its release and
     * its return.
     */
    @Test
    void reuseBeforeWaitReturnedIsDetected() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                wg.await();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        Until.until(() -> wg.parked() == 1);
        wg.setStateForTest(1, 0); // the next round's add already happened
        wg.wakeOneForTest();
        t.join();
        assertThat(thrown.get())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sync: WaitGroup is reused before previous Wait has returned");
    }

    @Test
    void goRunsBodyAndCountsOutOnException() {
        WaitGroup wg = new WaitGroup();
        wg.go(() -> {
            throw new RuntimeException("expected by the test: printed as an uncaught panic");
        });
        wg.await();
        assertThat(wg.counter()).isZero();
    }
}
