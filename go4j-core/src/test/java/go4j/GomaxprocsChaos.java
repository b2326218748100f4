package go4j;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.sync.WaitGroup;
import go4j.time.Ticker;
import go4j.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * GOMAXPROCS changed at random (1..8), from goroutines and from platform threads, while
 * goroutines send, receive, select, sleep, use timers, tickers and AfterFunc, and platform threads
 * wake goroutines. Every value must be delivered exactly once, every sleep return and every
 * goroutine end; a lost wake-up leaves something parked, and the test's timeout (which dumps
 * every goroutine) fails it. Used by {@code GomaxprocsChaosTest} (small) and
 * {@code GomaxprocsChaosStressTest} ({@code -Pstress}).
 */
final class GomaxprocsChaos {
    private GomaxprocsChaos() {}

    /** One run: {@code values} values through each kind of channel traffic, {@code sleeps} sleeps per sleeper. */
    static void run(long seed, int values, int sleeps) {
        int previous = Go.gomaxprocs();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger changes = new AtomicInteger();
        try {
            // Changers: a platform thread and a goroutine.
            Thread platformChanger = Thread.ofPlatform().name("chaos-changer").start(() -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                while (!done.get()) {
                    Go.gomaxprocs(1 + rnd.nextInt(8));
                    changes.incrementAndGet();
                    for (int i = rnd.nextInt(2000); i > 0; i--) Thread.onSpinWait();
                    Thread.yield();
                }
            });
            WaitGroup changerDone = new WaitGroup();
            changerDone.go(() -> {
                SplittableRandom rnd = new SplittableRandom(seed + 1);
                while (!done.get()) {
                    Go.gomaxprocs(1 + rnd.nextInt(8));
                    changes.incrementAndGet();
                    if (rnd.nextBoolean()) Go.gosched(); else Time.sleep(Duration.ofNanos(rnd.nextInt(50_000)));
                }
            });

            Group wg = new Group();

            // 1. Channel traffic, unbuffered and buffered: each value delivered exactly once.
            int producers = 4;
            AtomicIntegerArray delivered0 = new AtomicIntegerArray(values), delivered3 = new AtomicIntegerArray(values);
            traffic(wg, Chan.make(), delivered0, values, producers);
            traffic(wg, Chan.make(3), delivered3, values, producers);

            // 2. Select: two channels and a timeout case; every value taken once.
            AtomicIntegerArray selected = new AtomicIntegerArray(values);
            Chan<Integer> a = Chan.make(), b = Chan.make(1);
            wg.go(() -> { for (int i = 0; i < values; i += 2) a.send(i); });
            wg.go(() -> { for (int i = 1; i < values; i += 2) b.send(i); });
            wg.go(() -> {
                int got = 0;
                while (got < values) {
                    int[] v = {-1};
                    Select.select(
                            Select.recv(a, x -> v[0] = x),
                            Select.recv(b, x -> v[0] = x),
                            Select.recv(Time.after(Duration.ofMillis(1)), t -> {}));
                    if (v[0] >= 0) {
                        selected.incrementAndGet(v[0]);
                        got++;
                    }
                }
            });

            // 3. Sleepers.
            int sleepers = 8;
            AtomicInteger slept = new AtomicInteger();
            for (int s = 0; s < sleepers; s++) {
                long sd = seed + 10 + s;
                wg.go(() -> {
                    SplittableRandom rnd = new SplittableRandom(sd);
                    for (int i = 0; i < sleeps; i++) {
                        Time.sleep(Duration.ofNanos(rnd.nextInt(300_000)));
                        slept.incrementAndGet();
                    }
                });
            }

            // 4. Timers, tickers, AfterFunc.
            AtomicInteger timerEvents = new AtomicInteger();
            int timerRounds = Math.max(1, sleeps / 4);
            wg.go(() -> {
                for (int i = 0; i < timerRounds; i++) {
                    Time.newTimer(Duration.ofNanos(100_000)).c().recv();
                    timerEvents.incrementAndGet();
                }
            });
            wg.go(() -> {
                Ticker t = Time.newTicker(Duration.ofNanos(200_000));
                for (int i = 0; i < timerRounds; i++) {
                    t.c().recv();
                    timerEvents.incrementAndGet();
                }
                t.stop();
            });
            wg.go(() -> {
                Chan<Integer> fired = Chan.make();
                for (int i = 0; i < timerRounds; i++) {
                    int n = i;
                    Time.afterFunc(Duration.ofNanos(50_000), () -> fired.send(n));
                    assertThat(fired.recv()).isEqualTo(n);
                    timerEvents.incrementAndGet();
                }
            });

            // 5. Platform threads wake goroutines: each value sent from outside the scheduler.
            AtomicIntegerArray external = new AtomicIntegerArray(values);
            Chan<Integer> ext = Chan.make();
            int wakers = 2;
            List<Thread> wakerThreads = new ArrayList<>();
            for (int w = 0; w < wakers; w++) {
                int first = w;
                wakerThreads.add(Thread.ofPlatform().name("chaos-waker-" + w).start(() -> {
                    for (int i = first; i < values; i += wakers) ext.send(i);
                }));
            }
            for (int c = 0; c < 2; c++) {
                wg.go(() -> {
                    for (Integer v = ext.recv(); v != null && v >= 0; v = ext.recv()) external.incrementAndGet(v);
                });
            }
            for (Thread t : wakerThreads) join(t);
            ext.send(-1);
            ext.send(-1);

            wg.await();
            done.set(true);
            join(platformChanger);
            changerDone.await();

            wg.rethrow();
            assertExactlyOnce("unbuffered", delivered0);
            assertExactlyOnce("buffered", delivered3);
            assertExactlyOnce("select", selected);
            assertExactlyOnce("woken by platform threads", external);
            assertThat(slept.get()).isEqualTo(sleepers * sleeps);
            assertThat(timerEvents.get()).isEqualTo(3 * timerRounds);
            assertThat(changes.get()).as("GOMAXPROCS changed").isPositive();
        } finally {
            done.set(true);
            Go.gomaxprocs(previous);
        }
    }

    private static void traffic(Group wg, Chan<Integer> c, AtomicIntegerArray delivered,
                                int values, int producers) {
        AtomicInteger left = new AtomicInteger(producers);
        for (int p = 0; p < producers; p++) {
            int first = p;
            wg.go(() -> {
                for (int i = first; i < values; i += producers) c.send(i);
                if (left.decrementAndGet() == 0) c.close();
            });
        }
        for (int k = 0; k < producers; k++) {
            wg.go(() -> {
                for (Integer v : c) delivered.incrementAndGet(v);
            });
        }
    }

    /** A WaitGroup whose goroutines' first failure is rethrown. */
    private static final class Group {
        final WaitGroup wg = new WaitGroup();
        final java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();

        void go(Runnable body) {
            wg.go(() -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
        }

        void await() { wg.await(); }

        void rethrow() {
            Throwable t = failure.get();
            if (t != null) throw new AssertionError("a goroutine failed", t);
        }
    }

    private static void assertExactlyOnce(String what, AtomicIntegerArray delivered) {
        for (int i = 0; i < delivered.length(); i++) {
            if (delivered.get(i) != 1) throw new AssertionError(what + ": value " + i + " delivered " + delivered.get(i) + " times");
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
