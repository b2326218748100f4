package go4j.synctest;

import static go4j.Go.go;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import go4j.Chan;
import go4j.Go;
import go4j.Select;
import go4j.sync.Cond;
import go4j.sync.Mutex;
import go4j.sync.WaitGroup;
import go4j.time.Time;
import go4j.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Go's own tests of synctest (src/internal/synctest/synctest_test.go), ported by name where they
 * apply, with Go's expected values. Every wait is on the fake clock: the asserted times are exact.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SynctestTest {
    static final Instant START = Instant.parse("2000-01-01T00:00:00Z");
    static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void testNow() {
        Synctest.run(() -> {
            assertThat(Time.now()).as("at start").isEqualTo(START);
            Chan<Instant> seen = Chan.make(1);
            go(() -> seen.send(Time.now())); // new goroutines see the same clock
            assertThat(seen.recv()).isEqualTo(START);
            Time.sleep(SECOND);
            assertThat(Time.now()).as("after sleep").isEqualTo(START.plus(SECOND));
        });
    }

    @Test
    void nowIsTheRealClockOutsideABubble() {
        Instant before = Instant.now();
        assertThat(Time.now()).isAfterOrEqualTo(before);
        assertThat(Time.since(before)).isGreaterThanOrEqualTo(Duration.ZERO);
    }

    @Test
    void testRunEmpty() {
        Synctest.run(() -> {});
    }

    @Test
    void testSimpleWait() {
        Synctest.run(Synctest::await);
    }

    @Test
    void testGoroutineWait() {
        Synctest.run(() -> {
            go(() -> {});
            Synctest.await();
        });
    }

    /** A chain of 100 goroutines handing a count down: await returns only after all of it. */
    @Test
    void testWait() {
        AtomicBoolean done = new AtomicBoolean();
        Synctest.run(() -> {
            Chan<Integer> ch = Chan.make();
            Runnable[] f = new Runnable[1];
            f[0] = () -> {
                int count = ch.recv();
                if (count == 0) {
                    done.set(true);
                } else {
                    go(f[0]);
                    ch.send(count - 1);
                }
            };
            go(f[0]);
            ch.send(100);
            Synctest.await();
            assertThat(done).as("done after Wait").isTrue();
        });
    }

    @Test
    void testTimerReadBeforeDeadline() {
        Synctest.run(() -> {
            Instant start = Time.now();
            Timer tm = Time.newTimer(Duration.ofSeconds(5));
            tm.c().recv();
            assertThat(Time.since(start)).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void testTimerReadAfterDeadline() {
        Synctest.run(() -> {
            Instant want = Time.now().plus(SECOND);
            Timer tm = Time.newTimer(SECOND);
            Time.sleep(SECOND.multipliedBy(2));
            assertThat(tm.c().recv()).as("the time it fired").isEqualTo(want);
        });
    }

    @Test
    void testTimerReset() {
        Synctest.run(() -> {
            Instant start = Time.now();
            Timer tm = Time.newTimer(SECOND);
            assertThat(tm.c().recv()).isEqualTo(start.plusSeconds(1));
            tm.reset(Duration.ofSeconds(2));
            assertThat(tm.c().recv()).isEqualTo(start.plusSeconds(1 + 2));
            tm.reset(Duration.ofSeconds(3));
            Time.sleep(SECOND);
            tm.reset(Duration.ofSeconds(3));
            assertThat(tm.c().recv()).isEqualTo(start.plusSeconds(1 + 2 + 4));
        });
    }

    /** Membership propagates through an AfterFunc and the goroutines it starts. */
    @Test
    void testTimeAfter() {
        Synctest.run(() -> {
            AtomicInteger i = new AtomicInteger();
            Time.afterFunc(SECOND, () -> {
                i.incrementAndGet(); // 1
                go(() -> {
                    Time.sleep(SECOND);
                    i.incrementAndGet(); // 2
                });
            });
            Time.sleep(Duration.ofSeconds(3));
            Synctest.await();
            assertThat(i).hasValue(2);
        });
    }

    /** Time stops when the body returns: a pending AfterFunc never runs. */
    @Test
    void testTimerAfterBubbleExit() {
        AtomicBoolean ran = new AtomicBoolean();
        Synctest.run(() -> Time.afterFunc(SECOND, () -> ran.set(true)));
        assertThat(ran).as("timer ran before bubble exit").isFalse();
    }

    /** A timer of the real clock is not the bubble's: the receive is not durable, so run waits for it. */
    @Test
    void testTimerFromOutsideBubble() {
        Timer tm = Time.newTimer(Duration.ofMillis(10));
        Synctest.run(() -> tm.c().recv());
        assertThat(tm.stop()).as("run returned before the timer fired").isFalse();
    }

    /** Timers firing at the same instant do not always fire in the same order. */
    @Test
    void testTimerNondeterminism() {
        Synctest.run(() -> {
            boolean seen1 = false, seen2 = false;
            for (int i = 0; i < 1000 && !(seen1 && seen2); i++) {
                Timer tm1 = Time.newTimer(Duration.ofNanos(1));
                Timer tm2 = Time.newTimer(Duration.ofNanos(1));
                boolean[] got = new boolean[2];
                Select.select(Select.recv(tm1.c(), v -> got[0] = true), Select.recv(tm2.c(), v -> got[1] = true));
                seen1 |= got[0];
                seen2 |= got[1];
                Synctest.await();
            }
            assertThat(seen1 && seen2).as("seen timer1: %s, timer2: %s; want both", seen1, seen2).isTrue();
        });
    }

    /** A 0-duration timer is readable at once, without waiting for the bubble to block. */
    @Test
    void testTimerRunsImmediately() {
        Synctest.run(() -> {
            Instant start = Time.now();
            Timer tm = Time.newTimer(Duration.ZERO);
            var got = tm.c().tryRecv();
            assertThat(got).as("0-duration timer channel is readable").isNotNull();
            assertThat(got.value()).isEqualTo(start);
        });
    }

    @Test
    void testTimerRanInPast() {
        Synctest.run(() -> {
            Instant want = Time.now().plus(SECOND);
            Timer tm = Time.newTimer(SECOND);
            Time.sleep(SECOND.multipliedBy(2));
            var got = tm.c().tryRecv();
            assertThat(got).isNotNull();
            assertThat(got.value()).isEqualTo(want);
        });
    }

    /** A 0-duration AfterFunc starts without waiting for the bubble to block. */
    @Test
    void testAfterFuncRunsImmediately() {
        Synctest.run(() -> {
            AtomicBoolean b = new AtomicBoolean();
            Time.afterFunc(Duration.ZERO, () -> b.set(true));
            while (!b.get()) Go.gosched();
        });
    }

    @Test
    void testDeadlockRoot() {
        assertThatThrownBy(() -> Synctest.run(() -> Select.select()))
                .isInstanceOf(SynctestDeadlockException.class)
                .hasMessageStartingWith("deadlock: all goroutines in bubble are blocked")
                .hasMessageContaining("[select (no cases)]");
    }

    @Test
    void testDeadlockChild() {
        assertThatThrownBy(() -> Synctest.run(() -> go(() -> Select.select())))
                .isInstanceOf(SynctestDeadlockException.class)
                .hasMessageStartingWith("deadlock: main bubble goroutine has exited but blocked goroutines remain");
    }

    /** As in Go, a send or receive on the nil channel is durably blocked: the clock moves past it. */
    @Test
    void aNilChannelWaitIsDurable() {
        AtomicReference<Duration> slept = new AtomicReference<>();
        assertThatThrownBy(() -> Synctest.run(() -> {
            go(() -> Chan.<Integer>nil().recv());
            go(() -> Chan.<Integer>nil().send(1));
            Instant start = Time.now();
            Time.sleep(Duration.ofHours(1));
            slept.set(Duration.between(start, Time.now()));
        })).isInstanceOf(SynctestDeadlockException.class)
                .hasMessageContaining("chan receive (nil chan)")
                .hasMessageContaining("chan send (nil chan)");
        assertThat(slept.get()).isEqualTo(Duration.ofHours(1));
    }

    /** A ticker does not keep a bubble alive once the body returned: time stops with it. */
    @Test
    void testDeadlockTicker() {
        AtomicBoolean ticked = new AtomicBoolean();
        assertThatThrownBy(() -> Synctest.run(() -> go(() -> {
                    Time.tick(SECOND).recv();
                    ticked.set(true);
                })))
                .isInstanceOf(SynctestDeadlockException.class)
                .hasMessageStartingWith("deadlock: main bubble goroutine has exited but blocked goroutines remain");
        assertThat(ticked).as("ticker unexpectedly ran").isFalse();
    }

    /** The report lists every goroutine left, with its wait reason and where it waits. */
    @Test
    void deadlockReportListsBlockedGoroutinesWithWaitReasons() {
        assertThatThrownBy(() -> Synctest.run(() -> {
                    Chan<Integer> never = Chan.make();
                    Mutex mu = new Mutex();
                    mu.lock();
                    go(() -> never.send(1));
                    go(mu::lock);
                    WaitGroup wg = new WaitGroup();
                    wg.add(1);
                    wg.await();
                }))
                .isInstanceOf(SynctestDeadlockException.class)
                .hasMessageStartingWith("deadlock: all goroutines in bubble are blocked")
                .hasMessageContaining("[chan send (durable)]")
                .hasMessageContaining("[sync.Mutex.Lock]")
                .hasMessageContaining("[sync.WaitGroup.Wait (durable)]")
                .hasMessageContaining("at go4j.sync.WaitGroup.await")
                .hasMessageContaining("created by");
    }

    @Test
    void testCond() {
        Synctest.run(() -> {
            Mutex mu = new Mutex();
            Cond cond = new Cond(mu);
            Instant start = Time.now();
            Duration waitTime = Duration.ofMillis(1);
            go(() -> {
                Time.sleep(waitTime);
                mu.lock();
                cond.signal();
                mu.unlock();
                Time.sleep(waitTime);
                mu.lock();
                cond.broadcast();
                mu.unlock();
            });
            mu.lock();
            cond.await();
            mu.unlock();
            assertThat(Time.since(start)).as("after signal").isEqualTo(waitTime);

            AtomicBoolean waiterDone = new AtomicBoolean();
            go(() -> {
                mu.lock();
                cond.await();
                mu.unlock();
                waiterDone.set(true);
            });
            mu.lock();
            cond.await();
            mu.unlock();
            Synctest.await();
            assertThat(waiterDone).as("after broadcast: waiter done").isTrue();
            assertThat(Time.since(start)).as("after broadcast").isEqualTo(waitTime.multipliedBy(2));
        });
    }

    /** Go's TestIteratorPush, with a goroutine pulling times from a sleeping producer. */
    @Test
    void testIteratorPush() {
        Synctest.run(() -> {
            List<Instant> got = new ArrayList<>();
            go(() -> {
                for (int i = 0; i < 3; i++) {
                    got.add(Time.now());
                    Time.sleep(SECOND);
                }
            });
            List<Instant> want = List.of(Time.now(), Time.now().plusSeconds(1), Time.now().plusSeconds(2));
            Time.sleep(Duration.ofSeconds(5));
            Synctest.await();
            assertThat(got).isEqualTo(want);
        });
    }

    @Test
    void testWaitGroupInBubble() {
        Synctest.run(() -> {
            WaitGroup wg = new WaitGroup();
            wg.add(1);
            go(() -> {
                Time.sleep(SECOND);
                wg.done();
            });
            Instant start = Time.now();
            wg.await();
            assertThat(Time.since(start)).isEqualTo(SECOND);
        });
    }

    /** Made outside, the WaitGroup's wait is not durable: run waits for the real done. */
    @Test
    void testWaitGroupOutOfBubble() {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        Chan<Void> donec = Chan.make();
        go(() -> Synctest.run(() -> {
            wg.await();
            donec.close();
        }));
        assertThat(donec.tryRecv()).as("run finished before WaitGroup.done").isNull();
        wg.done();
        assertThat(donec.recvOk().ok()).isFalse();
    }

    @Test
    void testMutexInBubble() {
        Synctest.run(() -> {
            Mutex mu = new Mutex();
            mu.lock();
            Instant start = Time.now();
            go(() -> {
                Time.sleep(SECOND);
                mu.unlock();
            });
            mu.lock(); // durable: made in the bubble, so the clock moves to the sleeper's wake
            assertThat(Time.since(start)).isEqualTo(SECOND);
        });
    }

    // ---- cross-bubble use (TestChannelMovedOutOfBubble, TestTimerFromInsideBubble) ----

    @Test
    void testChannelMovedOutOfBubble() {
        for (var op : List.<java.util.Map.Entry<String, java.util.function.Consumer<Chan<Integer>>>>of(
                java.util.Map.entry("receive on synctest channel from outside bubble", Chan::recv),
                java.util.Map.entry("send on synctest channel from outside bubble", c -> c.send(1)),
                java.util.Map.entry("close of synctest channel from outside bubble", Chan::close),
                java.util.Map.entry("select on synctest channel from outside bubble",
                        c -> Select.select(Select.recv(c, null), Select.recv(Chan.make(), null))))) {
            // Outside any bubble.
            AtomicReference<Chan<Integer>> inner = new AtomicReference<>();
            Synctest.run(() -> inner.set(Chan.make()));
            assertThatThrownBy(() -> op.getValue().accept(inner.get())).isInstanceOf(IllegalStateException.class).hasMessage(op.getKey());
            // From a different bubble.
            Synctest.run(() -> assertThatThrownBy(() -> op.getValue().accept(inner.get()))
                    .isInstanceOf(IllegalStateException.class).hasMessage(op.getKey()));
        }
    }

    @Test
    void testTimerFromInsideBubble() {
        AtomicReference<Timer> tm = new AtomicReference<>();
        Synctest.run(() -> tm.set(Time.newTimer(SECOND)));
        assertThatThrownBy(() -> tm.get().c().recv()).hasMessage("receive on synctest channel from outside bubble");
        assertThatThrownBy(() -> tm.get().reset(SECOND)).hasMessage("reset of synctest timer from outside bubble");
        assertThatThrownBy(() -> tm.get().stop()).hasMessage("stop of synctest timer from outside bubble");
    }

    /** Go's TestChannelFromOutsideBubble: a channel made outside is usable, and not durable. */
    @Test
    void testChannelFromOutsideBubble() {
        Chan<Integer> ch = Chan.make();
        Chan<Void> started = Chan.make();
        go(() -> {
            started.recv(); // the bubble's goroutine is (about to be) blocked on ch
            ch.send(7);
        });
        AtomicInteger got = new AtomicInteger();
        Synctest.run(() -> {
            started.close();
            got.set(ch.recv()); // not durable: time does not move, run does not report a deadlock
        });
        assertThat(got).hasValue(7);
    }

    // ---- nesting and await misuse ----

    @Test
    void nestedRunIsRefused() {
        Synctest.run(() -> assertThatThrownBy(() -> Synctest.run(() -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("synctest.Run called from within a synctest bubble"));
    }

    @Test
    void awaitOutsideABubbleIsRefused() {
        assertThatThrownBy(Synctest::await).isInstanceOf(IllegalStateException.class).hasMessage("goroutine is not in a bubble");
        assertThatThrownBy(() -> Go.run(Synctest::await)).hasMessage("goroutine is not in a bubble");
    }

    /** Whichever of two goroutines calls await second, while the first waits, is refused. */
    @Test
    void secondAwaitAtOnceIsRefused() {
        List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        Runnable await = () -> {
            try {
                Synctest.await();
            } catch (IllegalStateException e) {
                refused.add(e.getMessage());
            }
        };
        Synctest.run(() -> {
            go(await); // runnable until it calls await, so the first await cannot return before
            await.run();
        });
        assertThat(refused).containsExactly("wait already in progress");
    }

    @Test
    void bodyExceptionIsRethrown() {
        assertThatThrownBy(() -> Synctest.run(() -> { throw new IllegalArgumentException("boom"); }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("boom");
    }

    @Test
    void aGoroutinesExceptionFailsTheRun() {
        var old = Go.setPanicHandler((id, t) -> {});
        try {
            assertThatThrownBy(() -> Synctest.run(() -> {
                        go(() -> assertThat(1).isEqualTo(2));
                        Synctest.await();
                    }))
                    .isInstanceOf(AssertionError.class);
        } finally {
            Go.setPanicHandler(old);
        }
    }

    /** Go.run inside a bubble waits durably, so the clock moves for the body it waits for. */
    @Test
    void goRunInsideABubbleLetsTheClockMove() {
        Synctest.run(() -> {
            Go.run(() -> Time.sleep(Duration.ofMinutes(3)));
            assertThat(Time.now()).isEqualTo(START.plus(Duration.ofMinutes(3)));
            assertThatThrownBy(() -> Go.run(() -> { throw new IllegalStateException("from the body"); }))
                    .hasMessage("from the body");
        });
    }

    /** The body's goroutine is created by the caller of run, as a go statement's would be. */
    @Test
    void theBodysCreationSiteIsTheCallerOfRun() {
        assertThatThrownBy(() -> Synctest.run(() -> Select.select()))
                .hasMessageContaining("created by go4j.synctest.SynctestTest.lambda$theBodysCreationSiteIsTheCallerOfRun");
    }

    /** A class first used in a bubble: its static channel is made in class initialisation. */
    static final class Registry {
        static final Chan<String> EVENTS = Chan.make(8);
    }

    /** Statics are globals, as Go's package-level variables: a class initialised in a bubble leaves it none. */
    @Test
    void staticsMadeWhileInitialisingAClassBelongToNoBubble() {
        Synctest.run(() -> Registry.EVENTS.send("from a bubble"));
        assertThat(Registry.EVENTS.recv()).as("usable outside").isEqualTo("from a bubble");
    }
}
