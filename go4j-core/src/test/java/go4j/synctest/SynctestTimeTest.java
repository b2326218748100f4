package go4j.synctest;

import static go4j.Go.go;
import static org.assertj.core.api.Assertions.assertThat;

import go4j.Chan;
import go4j.Select;
import go4j.context.Context;
import go4j.context.ContextException;
import go4j.context.DeadlineExceededException;
import go4j.time.Ticker;
import go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a user tests with synctest: timeouts, retries, tickers, and what keeps the clock still.
 * Every assertion is on the fake clock's exact values, never on wall time.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SynctestTimeTest {
    static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

    /** Go's testing/synctest example "context timeout": not done a nanosecond early, done on time. */
    @Test
    void contextWithTimeout() {
        Synctest.run(() -> {
            Duration timeout = Duration.ofSeconds(5);
            try (var ctx = Context.withTimeout(Context.background(), timeout)) {
                Time.sleep(timeout.minusNanos(1)); // just less than the timeout
                Synctest.await();
                assertThat(ctx.err()).as("before timeout").isNull();
                Time.sleep(Duration.ofNanos(1)); // the rest of the way
                Synctest.await();
                assertThat(ctx.err()).as("after timeout").isInstanceOf(DeadlineExceededException.class);
            }
        });
    }

    /** Go's example for context.AfterFunc: the function runs when (and only when) the context is done. */
    @Test
    void contextAfterFunc() {
        Synctest.run(() -> {
            var ctx = Context.withCancel(Context.background());
            AtomicBoolean called = new AtomicBoolean();
            Context.afterFunc(ctx, () -> called.set(true));
            Synctest.await();
            assertThat(called).as("before cancel").isFalse();
            ctx.close();
            Synctest.await();
            assertThat(called).as("after cancel").isTrue();
        });
    }

    @Test
    void withDeadlineUsesTheBubbleClock() {
        Synctest.run(() -> {
            try (var ctx = Context.withDeadline(Context.background(), START.plusSeconds(90))) {
                assertThat(ctx.deadline()).contains(START.plusSeconds(90));
                ctx.done().recv();
                assertThat(Time.now()).isEqualTo(START.plusSeconds(90));
            }
        });
    }

    /**
     * A retry loop with exponential backoff (1 s, doubling) under a one-hour budget: attempts at
     * exactly 0, 1, 3, 7, ... 2047 s, and it gives up at exactly one hour, when the budget's
     * context expires during the 2048 s wait.
     */
    @Test
    void retryWithExponentialBackoffUpToOneHour() {
        Synctest.run(() -> {
            List<Duration> attempts = new ArrayList<>();
            Instant start = Time.now();
            AtomicReference<Instant> gaveUp = new AtomicReference<>();
            try (var budget = Context.withTimeout(Context.background(), Duration.ofHours(1))) {
                Duration delay = Duration.ofSeconds(1);
                while (true) {
                    attempts.add(Time.since(start));
                    boolean ok = false; // the operation under test always fails
                    if (ok) break;
                    boolean[] expired = new boolean[1];
                    Select.select(
                            Select.recv(Time.after(delay), t -> {}),
                            Select.recv(budget.done(), v -> expired[0] = true));
                    if (expired[0]) {
                        gaveUp.set(Time.now());
                        assertThat(budget.err()).isInstanceOf(DeadlineExceededException.class);
                        break;
                    }
                    delay = delay.multipliedBy(2);
                }
            }
            List<Duration> want = new ArrayList<>();
            for (long s = 1; s - 1 < 3600; s *= 2) want.add(Duration.ofSeconds(s - 1)); // 0, 1, 3, ... 2047
            assertThat(attempts).isEqualTo(want);
            assertThat(gaveUp.get()).isEqualTo(START.plus(Duration.ofHours(1)));
        });
    }

    /** A goroutine's wait on a context gives up with the context's error at the deadline, exactly. */
    @Test
    void receiveWithTimeoutGivesUpAtTheDeadline() {
        Synctest.run(() -> {
            Chan<String> replies = Chan.make();
            go(() -> {
                Time.sleep(Duration.ofMinutes(10));
                replies.trySend("late");
            });
            try (var ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(30))) {
                replies.recv(ctx);
                throw new AssertionError("received before the timeout");
            } catch (ContextException e) {
                assertThat(e).isInstanceOf(DeadlineExceededException.class);
                assertThat(Time.now()).isEqualTo(START.plusSeconds(30));
            }
            // Time stops when the body returns (as in Go): let the late sender finish first.
            Time.sleep(Duration.ofMinutes(10));
        });
    }

    @Test
    void tickerTicksAtExactTimes() {
        Synctest.run(() -> {
            Ticker tk = Time.newTicker(Duration.ofSeconds(1));
            for (int i = 1; i <= 3; i++) assertThat(tk.c().recv()).isEqualTo(START.plusSeconds(i));
            tk.stop();
            Time.sleep(Duration.ofSeconds(10));
            assertThat(tk.c().tryRecv()).as("no tick after stop").isNull();
        });
    }

    /** A slow reader gets the first tick it missed; the others were dropped (Go's ticker). */
    @Test
    void tickerDropsTicksForASlowReader() {
        Synctest.run(() -> {
            Ticker tk = Time.newTicker(Duration.ofSeconds(1));
            Time.sleep(Duration.ofMillis(3500));
            assertThat(tk.c().recv()).isEqualTo(START.plusSeconds(1));
            assertThat(tk.c().recv()).isEqualTo(START.plusSeconds(4));
            tk.reset(Duration.ofSeconds(10));
            assertThat(tk.c().recv()).isEqualTo(START.plusSeconds(14));
            tk.stop();
        });
    }

    @Test
    void afterFuncRunsInOrderOfDeadlines() {
        Synctest.run(() -> {
            Chan<String> order = Chan.make(3);
            Time.afterFunc(Duration.ofSeconds(3), () -> order.send("c@" + Time.since(START).toSeconds()));
            Time.afterFunc(Duration.ofSeconds(1), () -> order.send("a@" + Time.since(START).toSeconds()));
            Time.afterFunc(Duration.ofSeconds(2), () -> order.send("b@" + Time.since(START).toSeconds()));
            assertThat(List.of(order.recv(), order.recv(), order.recv())).containsExactly("a@1", "b@2", "c@3");
        });
    }

    /** A stopped AfterFunc never runs; the bubble ends without a deadlock. */
    @Test
    void stoppedAfterFuncNeverRuns() {
        AtomicBoolean ran = new AtomicBoolean();
        Synctest.run(() -> {
            var t = Time.afterFunc(Duration.ofSeconds(1), () -> ran.set(true));
            assertThat(t.stop()).isTrue();
            Time.sleep(Duration.ofSeconds(2));
        });
        assertThat(ran).isFalse();
    }

    /** Thread.sleep is not durable: the clock stays where it was until the sleeper is done. */
    @Test
    void timeDoesNotAdvanceDuringThreadSleep() {
        Synctest.run(() -> {
            Chan<Instant> seen = Chan.make(1);
            go(() -> {
                try {
                    Thread.sleep(20); // the subject of the test, not synchronisation
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                seen.send(Time.now());
            });
            Time.sleep(Duration.ofHours(1));
            assertThat(seen.recv()).as("the clock while the other slept in Thread.sleep").isEqualTo(START);
            assertThat(Time.now()).isEqualTo(START.plus(Duration.ofHours(1)));
        });
    }

    /** A receive on a channel made outside the bubble is not durable either. */
    @Test
    void timeDoesNotAdvanceWhileBlockedOnAnOutsideChannel() {
        Chan<String> outside = Chan.make();
        go(() -> {
            Time.sleep(Duration.ofMillis(20)); // real time: this goroutine is not in the bubble
            outside.send("hello");
        });
        Synctest.run(() -> {
            Chan<Instant> seen = Chan.make(1);
            go(() -> {
                assertThat(outside.recv()).isEqualTo("hello");
                seen.send(Time.now());
            });
            Time.sleep(Duration.ofHours(1));
            assertThat(seen.recv()).as("the clock when the outside value arrived").isEqualTo(START);
        });
    }

    /**
     * Many goroutines waking one another and sleeping: every event sees exactly its time. Run
     * repeatedly so the wake-then-block hand-offs between goroutines race on every core.
     */
    @Test
    void pipelineOfSleepersSeesExactTimes() {
        for (int round = 0; round < 50; round++) {
            Synctest.run(() -> {
                int stages = 8, items = 20;
                List<Chan<Integer>> links = new ArrayList<>();
                for (int i = 0; i <= stages; i++) links.add(Chan.make());
                for (int s = 0; s < stages; s++) {
                    Chan<Integer> in = links.get(s), out = links.get(s + 1);
                    go(() -> {
                        for (Integer v : in) {
                            Time.sleep(Duration.ofMillis(1)); // each stage takes 1 ms
                            out.send(v);
                        }
                        out.close();
                    });
                }
                go(() -> {
                    for (int i = 0; i < items; i++) {
                        links.get(0).send(i);
                        Time.sleep(Duration.ofMillis(10)); // one item every 10 ms
                    }
                    links.get(0).close();
                });
                int i = 0;
                for (Integer v : links.get(stages)) {
                    assertThat(v).isEqualTo(i);
                    assertThat(Time.since(START)).isEqualTo(Duration.ofMillis(10L * i + stages));
                    i++;
                }
                assertThat(i).isEqualTo(items);
            });
        }
    }

    /** Sleepers serialised by a Mutex of the bubble: the hand-offs are durable, the total exact. */
    @Test
    void mutexSerialisesSleepersExactly() {
        Synctest.run(() -> {
            go4j.sync.Mutex mu = new go4j.sync.Mutex();
            go4j.sync.WaitGroup wg = new go4j.sync.WaitGroup();
            for (int g = 0; g < 10; g++) {
                wg.go(() -> {
                    for (int i = 0; i < 5; i++) {
                        mu.lock();
                        try {
                            Time.sleep(Duration.ofMillis(1));
                        } finally {
                            mu.unlock();
                        }
                    }
                });
            }
            wg.await();
            assertThat(Time.since(START)).isEqualTo(Duration.ofMillis(50));
        });
    }

    /**
     * An interrupt does not end a sleep on the bubble's clock (nobody could count that wake: the
     * clock might move under the woken goroutine); the status is kept, as by a channel wait.
     */
    @Test
    void interruptDoesNotEndABubbleSleep() {
        Synctest.run(() -> {
            Chan<Thread> sleeper = Chan.make(1);
            Chan<Boolean> status = Chan.make(1);
            go(() -> {
                sleeper.send(Thread.currentThread());
                Time.sleep(Duration.ofHours(1));
                status.send(Thread.interrupted());
            });
            sleeper.recv().interrupt();
            assertThat(status.recv()).as("interrupt status kept").isTrue();
            assertThat(Time.now()).as("slept to the end").isEqualTo(START.plus(Duration.ofHours(1)));
        });
    }

    /**
     * A context made outside the bubble keeps a done channel of no bubble even when a goroutine
     * of the bubble asks for it first, so it can still be cancelled from outside.
     */
    @Test
    void aContextMadeOutsideCanBeCancelledFromOutside() {
        var ctx = Context.withCancel(Context.background());
        Chan<Void> asked = Chan.make();
        go(() -> {
            asked.recv();
            ctx.close(); // from outside the bubble
        });
        Synctest.run(() -> {
            Chan<Void> done = ctx.done(); // first asked for inside the bubble
            asked.close();
            assertThat(done.recvOk().ok()).isFalse();
            assertThat(ctx.err()).isNotNull();
        });
    }
}
