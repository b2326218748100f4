package go4j.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import go4j.Chan;
import go4j.Go;
import go4j.Select;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The public functions on the real clock, with small durations; asserts values and order only. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimeTest {
    private static final Duration MS = Duration.ofMillis(1);

    @Test
    void afterDeliversOnce() {
        Chan<Instant> c = Time.after(MS);
        assertThat(c.recv()).isNotNull();
        assertThat(c.tryRecv()).isNull();
    }

    @Test
    void tickerDeliversRepeatedlyUntilStopped() {
        Ticker tk = Time.newTicker(MS);
        Instant prev = tk.c().recv();
        for (int i = 0; i < 3; i++) {
            Instant next = tk.c().recv();
            assertThat(next).isAfterOrEqualTo(prev);
            prev = next;
        }
        tk.stop();
        assertThat(tk.c().tryRecv()).as("no tick after stop").isNull();
    }

    @Test
    void tick() {
        // Go's Tick cannot be stopped: this one ticks (cheaply) for the rest of the JVM.
        assertThat(Time.tick(Duration.ofMillis(10)).recv()).isNotNull();
        assertThat(Time.tick(Duration.ZERO)).as("Go's nil channel").isNull();
        assertThat(Time.tick(Duration.ofSeconds(-1))).isNull();
    }

    @Test
    void earlierDeadlineIsReceivedFirst() {
        Chan<Instant> late = Time.after(Duration.ofHours(1));
        Chan<Instant> soon = Time.after(MS);
        AtomicInteger which = new AtomicInteger(-1);
        which.set(Select.select(Select.recv(late, v -> {}), Select.recv(soon, v -> {})));
        assertThat(which.get()).isEqualTo(1);
    }

    /** Go's TestOverflowSleep: an overflowing duration never fires, a hugely negative one at once. */
    @Test
    void overflowingDurations() {
        Chan<Instant> never = Time.after(Duration.ofSeconds(Long.MAX_VALUE));
        int chosen = Select.select(Select.recv(never, v -> {}), Select.recv(Time.after(MS), v -> {}));
        assertThat(chosen).isEqualTo(1);
        assertThat(Time.after(Duration.ofSeconds(Long.MIN_VALUE)).recv()).isNotNull();
        Time.sleep(Duration.ofSeconds(Long.MIN_VALUE)); // returns at once
    }

    @Test
    void afterFuncRunsInAGoroutine() {
        Chan<Boolean> ran = Chan.make(1);
        Timer t = Time.afterFunc(MS, () -> ran.send(Thread.currentThread().isVirtual()));
        assertThat(ran.recv()).isTrue();
        assertThat(t.stop()).isFalse();
    }

    @Test
    void sleepReturnsAndParksWithReasonSleep() throws Exception {
        Time.sleep(MS);
        Time.sleep(Duration.ZERO);
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread t = Thread.ofVirtual().start(() -> {
            Time.sleep(Duration.ofHours(1));
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        while (java.util.concurrent.locks.LockSupport.getBlocker(t) == null) Thread.yield();
        assertThat(String.valueOf(java.util.concurrent.locks.LockSupport.getBlocker(t))).isEqualTo("sleep");
        t.interrupt(); // ends the sleep early, keeps the status
        t.join();
        assertThat(interruptedAfter.get()).isTrue();
    }

    @Test
    void tickerIntervalMustBePositive() {
        assertThatThrownBy(() -> Time.newTicker(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("non-positive interval for NewTicker");
        Ticker tk = Time.newTicker(Duration.ofHours(1));
        assertThatThrownBy(() -> tk.reset(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("non-positive interval for Ticker.Reset");
        tk.stop();
    }

    @Test
    void stopFromAnotherGoroutineBeforeFiring() {
        Timer t = Time.newTimer(Duration.ofHours(1));
        AtomicBoolean stopped = new AtomicBoolean();
        Go.run(() -> stopped.set(t.stop()));
        assertThat(stopped.get()).isTrue();
        assertThat(t.c().tryRecv()).isNull();
    }

    /**
     * Timer fairness: two timers that keep firing, selected over and over; each is chosen a fair
     * share of the time (Select picks uniformly among ready cases; a timer reset after being
     * chosen cannot crowd out the other).
     */
    @Test
    void timerFairness() {
        Timer t1 = Time.newTimer(Duration.ZERO);
        Timer t2 = Time.newTimer(Duration.ZERO);
        int[] counts = new int[2];
        int rounds = 1_000;
        for (int i = 0; i < rounds; i++) {
            int chosen = Select.select(Select.recv(t1.c(), v -> {}), Select.recv(t2.c(), v -> {}));
            counts[chosen]++;
            (chosen == 0 ? t1 : t2).reset(Duration.ZERO);
        }
        t1.stop();
        t2.stop();
        assertThat(counts[0]).isGreaterThan(rounds / 10);
        assertThat(counts[1]).isGreaterThan(rounds / 10);
    }
}
