package go4j.time;

import static go4j.Until.until;
import static org.assertj.core.api.Assertions.assertThat;

import go4j.Chan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Timers on their own instance with a fake clock: the test moves the clock and wakes the timer
 * thread, so what fires when is deterministic. "Nothing else fired" is checked with a barrier: a
 * later timer, once it fired, proves the thread has passed every earlier deadline.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimersTest {
    private final AtomicLong clock = new AtomicLong(1_000);
    private final Timers timers = new Timers(clock::get, false);

    @AfterEach
    void shutdown() {
        timers.shutdown();
    }

    private static Duration ns(long n) {
        return Duration.ofNanos(n);
    }

    private void advanceTo(long t) {
        clock.set(t);
        timers.kick();
    }


    /** Fires a timer at {@code at} and waits for it: every deadline before it has been handled. */
    private void barrier(long at) {
        Timer b = Time.newTimer(timers, ns(at - clock.get()));
        advanceTo(at);
        assertThat(b.c().recv()).isNotNull();
    }

    /** Go's TestAfterQueuing: timers fire in deadline order, whatever order they were made in. */
    @Test
    void timersFireInDeadlineOrder() {
        long[] delays = {50, 10, 40, 20, 30, 60};
        List<Timer> ts = new ArrayList<>();
        for (long d : delays) ts.add(Time.newTimer(timers, ns(d)));
        List<Integer> byDeadline = new ArrayList<>();
        for (int i = 0; i < delays.length; i++) byDeadline.add(i);
        byDeadline.sort((a, b) -> Long.compare(delays[a], delays[b]));
        long base = clock.get();
        for (int i : byDeadline) {
            advanceTo(base + delays[i]);
            Chan<Instant> c = ts.get(i).c();
            until(() -> c.len() == 1);
            for (int j = 0; j < ts.size(); j++) {
                if (j != i) assertThat(ts.get(j).c().len()).as("timer %d while %d fires", j, i).isZero();
            }
            assertThat(c.recv()).isNotNull();
        }
        assertThat(timers.heapSize()).isZero();
    }

    @Test
    void stopBeforeFiringPreventsTheValue() {
        Timer t = Time.newTimer(timers, ns(100));
        assertThat(t.stop()).isTrue();
        assertThat(t.stop()).as("already stopped").isFalse();
        barrier(clock.get() + 200);
        assertThat(t.c().tryRecv()).isNull();
        assertThat(timers.heapSize()).isZero();
    }

    /** Go 1.23: a value sent but not received is taken back by stop, which reports true. */
    @Test
    void stopAfterFiringTakesBackTheUnreceivedValue() {
        Timer t = Time.newTimer(timers, ns(100));
        advanceTo(clock.get() + 100);
        until(() -> t.c().len() == 1);
        assertThat(t.stop()).isTrue();
        assertThat(t.c().tryRecv()).as("no stale value after stop").isNull();
        assertThat(t.stop()).isFalse();
    }

    @Test
    void stopAfterReceiveReturnsFalse() {
        Timer t = Time.newTimer(timers, ns(100));
        advanceTo(clock.get() + 100);
        assertThat(t.c().recv()).isNotNull();
        assertThat(t.stop()).isFalse();
    }

    @Test
    void resetReschedulesAndDiscardsStaleValues() {
        long base = clock.get();
        Timer t = Time.newTimer(timers, ns(1_000));
        assertThat(t.reset(ns(50))).as("was active").isTrue();
        advanceTo(base + 50);
        assertThat(t.c().recv()).isNotNull();
        assertThat(t.reset(ns(100))).as("expired and received").isFalse();
        advanceTo(base + 150);
        until(() -> t.c().len() == 1);
        // Fired, not received: reset takes the value back and counts the timer as active.
        assertThat(t.reset(ns(100))).isTrue();
        assertThat(t.c().tryRecv()).as("no stale value after reset").isNull();
        barrier(base + 200);
        assertThat(t.c().len()).isZero();
        advanceTo(base + 250);
        assertThat(t.c().recv()).isNotNull();
        assertThat(timers.heapSize()).isZero();
    }

    /** A timer reset to an earlier deadline than the head wakes the thread for it. */
    @Test
    void resetEarlierThanTheHead() {
        long base = clock.get();
        Timer late = Time.newTimer(timers, ns(1_000));
        Timer t = Time.newTimer(timers, ns(2_000));
        t.reset(ns(10));
        advanceTo(base + 10);
        assertThat(t.c().recv()).isNotNull();
        assertThat(late.c().len()).isZero();
        assertThat(late.stop()).isTrue();
    }

    @Test
    void afterFuncRunsOnceInItsOwnGoroutine() {
        AtomicInteger runs = new AtomicInteger();
        Chan<Boolean> ran = Chan.make(10);
        Timer t = Time.afterFunc(timers, ns(100), () -> {
            runs.incrementAndGet();
            ran.send(Thread.currentThread().isVirtual());
        });
        assertThat(t.c()).isNull();
        advanceTo(clock.get() + 100);
        assertThat(ran.recv()).as("runs in a goroutine").isTrue();
        barrier(clock.get() + 1_000);
        assertThat(t.stop()).as("already started").isFalse();
        assertThat(runs.get()).isEqualTo(1);
        assertThat(ran.len()).isZero();
        assertThat(timers.heapSize()).isZero();
    }

    @Test
    void stoppedAfterFuncNeverRuns() {
        AtomicInteger runs = new AtomicInteger();
        Timer t = Time.afterFunc(timers, ns(100), runs::incrementAndGet);
        assertThat(t.stop()).isTrue();
        barrier(clock.get() + 1_000);
        assertThat(runs.get()).isZero();
    }

    @Test
    void tickerTicksDropsMissedTicksAndStops() {
        long base = clock.get();
        Ticker tk = Time.newTicker(timers, ns(10));
        advanceTo(base + 10);
        assertThat(tk.c().recv()).isNotNull();
        // Jump past several periods: one tick, the missed ones are skipped (next at base+60).
        advanceTo(base + 55);
        assertThat(tk.c().recv()).isNotNull();
        barrier(base + 59);
        assertThat(tk.c().len()).isZero();
        advanceTo(base + 60);
        assertThat(tk.c().recv()).isNotNull();
        // A slow reader: the tick at 70 waits in the channel, the one at 80 is dropped.
        advanceTo(base + 70);
        until(() -> tk.c().len() == 1);
        barrier(base + 85);
        assertThat(tk.c().recv()).isNotNull();
        assertThat(tk.c().len()).isZero();
        // Stop discards the pending tick and ends the ticks.
        advanceTo(base + 90);
        until(() -> tk.c().len() == 1);
        tk.stop();
        assertThat(tk.c().tryRecv()).isNull();
        barrier(base + 200);
        assertThat(tk.c().len()).isZero();
        // Reset after stop restarts it with the new period.
        tk.reset(ns(5));
        advanceTo(clock.get() + 5);
        assertThat(tk.c().recv()).isNotNull();
        tk.stop();
        assertThat(timers.heapSize()).isZero();
    }

    /** One million pending timers: all in the heap, then all stopped (in random order), heap empty. */
    @Test
    void millionPendingTimersStoppedLeaveTheHeapEmpty() {
        Timers real = Timers.onRealTime();
        try {
            int n = 1_000_000;
            List<Timer> ts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) ts.add(Time.newTimer(real, Duration.ofHours(1)));
            assertThat(real.heapSize()).isEqualTo(n);
            real.checkInvariants();
            Collections.shuffle(ts, new java.util.Random(1));
            int stopped = 0;
            for (Timer t : ts) if (t.stop()) stopped++;
            assertThat(stopped).isEqualTo(n);
            assertThat(real.heapSize()).isZero();
            assertThat(real.heapCapacity()).as("the heap's array shrank back").isLessThanOrEqualTo(32);
            real.checkInvariants();
        } finally {
            real.shutdown();
        }
    }
}
