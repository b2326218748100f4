package go4j.runtime;

import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static go4j.runtime.SchedExtension.await;
import static go4j.runtime.SchedExtension.newSched;
import static go4j.runtime.SchedExtension.runIn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scheduler's rules, each on a private Sched so tests cannot disturb one another. */
@ExtendWith(SchedExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SchedTest {
    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2, 4, 8})
    void fiftyThousandGoroutinesEachRunExactlyOnce(int procs) throws InterruptedException {
        eachRunsExactlyOnce(newSched(procs), 50_000); // a million: SchedStressTest
    }

    /** Spawns {@code n} goroutines, half from this platform thread, half from a goroutine, and checks each ran once. */
    static void eachRunsExactlyOnce(Sched s, int n) throws InterruptedException {
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        CountDownLatch done = new CountDownLatch(n);
        // Half spawned from a platform thread (global queue), half from a goroutine (local queues, overflow).
        for (int i = 0; i < n / 2; i++) {
            int id = i;
            s.newproc(() -> { runs.incrementAndGet(id); done.countDown(); });
        }
        s.newproc(() -> {
            for (int i = n / 2; i < n; i++) {
                int id = i;
                s.newproc(() -> { runs.incrementAndGet(id); done.countDown(); });
            }
        });
        done.await();
        for (int i = 0; i < n; i++) {
            if (runs.get(i) != 1) throw new AssertionError("goroutine " + i + " ran " + runs.get(i) + " times");
        }
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {2, 4, 8})
    void workSpawnedFromOneGoroutineIsStolenByEveryOtherP(int procs) throws InterruptedException {
        Sched s = newSched(procs);
        Set<Integer> pids = ConcurrentHashMap.newKeySet();
        AtomicInteger spawnerPid = new AtomicInteger(-1);
        runIn(s, () -> {
            spawnerPid.set(SchedExtension.currentPid());
            pids.add(SchedExtension.currentPid());
            // Every goroutine holds its P busy until each P has run one of them: the only way for
            // the others to get work is to steal it from the spawner's queue.
            for (int i = 0; i < 4 * procs; i++) {
                s.newproc(() -> {
                    pids.add(SchedExtension.currentPid());
                    while (pids.size() < procs) Thread.onSpinWait();
                });
            }
            while (pids.size() < procs) Thread.onSpinWait();
        });
        assertThat(pids).hasSize(procs);
        SchedTrace.Stats stats = SchedTrace.stats(s);
        for (int i = 0; i < procs; i++) {
            // A handoff (sysmon took a P whose carrier looked blocked: 8 Ms on 2 cores, one
            // descheduled) sends the spawner's later spawns to the global queue, or moves a queue
            // with its P, so a P can get its goroutine without a steal: then only "every P ran
            // one" (above) holds. Seen in about one full suite in twenty.
            if (i != spawnerPid.get() && stats.handoffs() == 0) {
                assertThat(stats.steals()[i]).as("steals of P%d (spawner P%d)", i, spawnerPid.get()).isPositive();
            }
            assertThat(stats.schedticks()[i]).as("schedticks of P%d", i).isPositive();
        }
    }

    @Test
    void withOneProcAtMostOneGoroutineRunsAtAnyInstant() throws InterruptedException {
        Sched s = newSched(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        int n = 200;
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            s.newproc(() -> {
                for (int round = 0; round < 20; round++) {
                    int now = running.incrementAndGet();
                    maxRunning.accumulateAndGet(now, Math::max);
                    for (int k = 0; k < 200; k++) Thread.onSpinWait();
                    running.decrementAndGet();
                    s.gosched();
                }
                done.countDown();
            });
        }
        done.await();
        assertThat(maxRunning.get()).isEqualTo(1);
    }

    @Test
    void goschedLetsAQueuedGoroutineRunFirst() throws InterruptedException {
        Sched s = newSched(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        runIn(s, () -> {
            CountDownLatch other = new CountDownLatch(1);
            s.newproc(() -> { order.add("other"); other.countDown(); });
            s.gosched(); // the other goroutine is runnable: it runs before we continue
            order.add("yielder");
            await(other);
        });
        assertThat(order).containsExactly("other", "yielder");
    }

    @Test
    void goschedWithNothingElseRunnableKeepsRunningWithoutASwitch() throws InterruptedException {
        Sched s = newSched(1);
        long[] switches = new long[2];
        runIn(s, () -> {
            P p = ((M) VirtualThreadHook.currentCarrier()).p;
            switches[0] = p.lrSwitches();
            for (int i = 0; i < 1_000; i++) s.gosched();
            switches[1] = p.lrSwitches();
        });
        // Without the shortcut each gosched is a switch (1,000); with it, only a time slice that
        // sysmon ends (the machine stalled us for 10 ms) may cause one.
        assertThat(switches[1] - switches[0]).as("Go would take it straight back from the global queue").isLessThan(100);
    }

    @Test
    void aGoroutineReadiedByTheRunningOneRunsNext() throws InterruptedException {
        Sched s = newSched(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        runIn(s, () -> {
            CountDownLatch all = new CountDownLatch(3);
            for (String name : List.of("x", "y", "z")) s.newproc(() -> { order.add(name); all.countDown(); });
            order.add("spawner");
            await(all); // parks: the P runs runnext (z), then the queue in order (x, y)
        });
        assertThat(order).containsExactly("spawner", "z", "x", "y");
    }

    @Test
    void unparkedGoroutineRunsBeforeQueuedOnes() throws InterruptedException {
        Sched s = newSched(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Thread> sleeper = new AtomicReference<>();
        AtomicBoolean wake = new AtomicBoolean();
        runIn(s, () -> {
            CountDownLatch parked = new CountDownLatch(1);
            CountDownLatch all = new CountDownLatch(3);
            s.newproc(() -> {
                sleeper.set(Thread.currentThread());
                parked.countDown();
                while (!wake.get()) LockSupport.park();
                order.add("woken");
                all.countDown();
            });
            await(parked); // the sleeper runs (runnext) and parks
            while (sleeper.get().getState() != Thread.State.WAITING) Thread.yield();
            s.newproc(() -> { order.add("a"); all.countDown(); });
            s.newproc(() -> { order.add("b"); all.countDown(); }); // a moves to the queue
            wake.set(true);
            LockSupport.unpark(sleeper.get()); // takes runnext; b moves to the queue behind a
            await(all);
        });
        assertThat(order).containsExactly("woken", "a", "b");
    }

    @Test
    void changingGomaxprocsWhileGoroutinesAreRunnableLosesNone() throws InterruptedException {
        Sched s = newSched(4, 16); // small queues: overflow and stealing paths are exercised too
        int n = 100_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        CountDownLatch done = new CountDownLatch(n);
        CountDownLatch spawned = new CountDownLatch(1);
        s.newproc(() -> {
            for (int i = 0; i < n; i++) {
                int id = i;
                s.newproc(() -> {
                    runs.incrementAndGet(id);
                    if ((id & 7) == 0) Thread.yield();
                    done.countDown();
                });
            }
            spawned.countDown();
        });
        int[] sizes = {1, 3, 2, 5, 1, 4};
        for (int i = 0; done.getCount() > 0; i++) {
            s.handoff.procresize(sizes[i % sizes.length]);
            Thread.yield();
        }
        spawned.await();
        done.await();
        for (int i = 0; i < n; i++) assertThat(runs.get(i)).as("goroutine %d", i).isEqualTo(1);
    }

    @Test
    void gomaxprocsReturnsThePreviousValueAndZeroOnlyQueries() {
        Sched s = newSched(3);
        assertThat(s.handoff.procresize(0)).isEqualTo(3);
        assertThat(s.handoff.procresize(5)).isEqualTo(3);
        assertThat(s.handoff.procresize(-1)).isEqualTo(5);
        assertThat(s.gomaxprocs()).isEqualTo(5);
        assertThat(SchedTrace.stats(s).idleProcs()).isEqualTo(5);
    }

    @Test
    void anExceptionInOneGoroutineLeavesTheOthersWorking() throws InterruptedException {
        Sched s = newSched(2);
        List<String> panics = Collections.synchronizedList(new ArrayList<>());
        var old = Panics.setHandler((goid, t) -> panics.add(goid + ":" + t.getMessage()));
        try {
            G bad = s.newproc(() -> { throw new IllegalStateException("boom"); });
            bad.thread().join();
            assertThat(panics).containsExactly(bad.goid + ":boom");
            CountDownLatch done = new CountDownLatch(1000);
            for (int i = 0; i < 1000; i++) s.newproc(done::countDown);
            done.await();
            while (s.allgs.size() != 0) Thread.yield(); // the last ones are between countDown and their end
            assertThat(s.allgs.size()).isZero();
        } finally {
            Panics.setHandler(old);
        }
    }

    @Test
    void panicReportHasGosForm() {
        var err = new java.io.ByteArrayOutputStream();
        Panics.print(new java.io.PrintStream(err, true), 42, new IllegalStateException("boom"));
        assertThat(err.toString()).startsWith("panic: java.lang.IllegalStateException: boom\n\ngoroutine 42 [running]:\n\tat ");
    }

    @Test
    void aGoroutinesIdIsItsThreadsAndItsThreadIsNamedGoroutine() throws InterruptedException {
        Sched s = newSched(1);
        AtomicReference<String> name = new AtomicReference<>();
        G g = s.newproc(() -> name.set(Thread.currentThread().getName()));
        g.thread().join();
        assertThat(g.thread().isVirtual()).isTrue();
        assertThat(g.goid).isEqualTo(g.thread().threadId());
        assertThat(name.get()).isEqualTo("goroutine");
    }

    @Test
    void theExecutorsAndTheThreadFactorysGoroutinesAreNumbered() throws InterruptedException {
        Sched s = newSched(1);
        AtomicReference<String> name = new AtomicReference<>();
        G g = s.newprocNumbered(() -> name.set(Thread.currentThread().getName()));
        g.thread().join();
        assertThat(name.get()).isEqualTo("goroutine " + g.goid);
        Thread t = s.newThread(() -> {});
        assertThat(t.getName()).isEqualTo("goroutine " + t.threadId());
        assertThat(G.goidOf(t)).isEqualTo(t.threadId());
    }

    @Test
    void whenWorkEndsEveryMParks() throws InterruptedException {
        Sched s = newSched(4);
        CountDownLatch done = new CountDownLatch(10_000);
        s.newproc(() -> {
            for (int i = 0; i < 10_000; i++) s.newproc(() -> { Thread.yield(); done.countDown(); });
        });
        done.await();
        // Ms finish their last goroutine, fail to find work, and park: no polling, no sleeping.
        Thread[] ms = SchedTrace.threads(s);
        assertThat(ms).isNotEmpty();
        for (Thread m : ms) {
            while (m.getState() != Thread.State.WAITING || SchedTrace.stats(s).spinningThreads() != 0) Thread.yield();
            assertThat(m.getStackTrace()).extracting(StackTraceElement::getMethodName).contains("awaitP");
        }
        SchedTrace.Stats stats = SchedTrace.stats(s);
        assertThat(stats.idleProcs()).isEqualTo(4);
        assertThat(stats.idleThreads()).isEqualTo(stats.threads());
        assertThat(stats.spinningThreads()).isZero();
    }

    @Test
    void schedtraceHasGosFields() {
        Sched s = newSched(2);
        assertThat(SchedTrace.line(s)).matches(
                "SCHED \\d+ms: gomaxprocs=2 idleprocs=2 threads=0 spinningthreads=0 idlethreads=0 runqueue=0 \\[0 0\\] schedticks=\\[0 0\\] steals=\\[0 0\\]");
    }

    @Test
    void schedtracePeriodIsReadFromGo4jDebug() {
        assertThat(SchedTrace.periodFrom("schedtrace=1000")).isEqualTo(1000);
        assertThat(SchedTrace.periodFrom("foo=1, schedtrace=250")).isEqualTo(250);
        assertThat(SchedTrace.periodFrom(null)).isZero();
        assertThat(SchedTrace.periodFrom("schedtrace=x")).isZero();
    }

    /**
     * A closed runtime leaves no thread behind: its sysmon, its leak watcher and every M it
     * started end (joined without a timeout: a thread that stayed would hang the test until the
     * class's timeout fails it).
     */
    @Test
    void closeEndsSysmonTheLeakWatcherAndTheMs() throws InterruptedException {
        Sched s = newSched(4);
        CountDownLatch done = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) s.newproc(done::countDown);
        done.await();
        Thread[] ms = SchedTrace.threads(s);
        assertThat(ms).isNotEmpty();
        Thread sysmon = s.sysmon.thread(), watcher = s.leakDetector.watcher();
        assertThat(sysmon).isNotNull();
        assertThat(watcher).isNotNull();

        s.close();

        sysmon.join();
        watcher.join();
        for (Thread m : ms) m.join();
        assertThat(SchedTrace.threads(s)).isEmpty();
        s.close(); // again: nothing to do
    }

    @Test
    void theProcessWideRuntimeCannotBeClosed() {
        assertThatThrownBy(() -> Sched.get().close()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void zeroProcsIsRefused() {
        assertThatThrownBy(() -> new Sched(0, 256, true)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A virtual thread that is no goroutine but runs on our Ms (the JDK's I/O sub-pollers: a
     * virtual thread started by a goroutine inherits its scheduler) readies goroutines into the
     * tail of its P's ring while the ring is under half full, then into the global queue, in
     * order; never into runnext, where each wake-up would push the previous one back. A
     * goroutine's wake-up still goes to runnext. GOMAXPROCS 1, a ring of 4: nothing else can take
     * the readied goroutines while the waker runs.
     */
    @Test
    @Timeout(30)
    void aForeignVirtualThreadOnOurMsReadiesIntoTheRingThenTheGlobalQueue() throws InterruptedException {
        // A handoff (sysmon took the P of a carrier that looked blocked: on a loaded machine the
        // kernel may leave it off a CPU for two rounds) retires the P and moves its queue, and the
        // placement below no longer holds. Such a run is repeated; seen once, under a benchmark.
        for (int attempt = 1; ; attempt++) {
            Sched s = newSched(1, 4);
            String seen = foreignWakeUps(s);
            if (SchedTrace.stats(s).handoffs() == 0 || attempt == 5) {
                assertThat(SchedTrace.stats(s).handoffs()).as("handoffs in the last of %d runs", attempt).isZero();
                // ring/global after each wake-up: the ring takes two (half of 4), the third goes global
                assertThat(seen).isEqualTo("1/0 2/0 2/1 true true");
                return;
            }
        }
    }

    private String foreignWakeUps(Sched s) throws InterruptedException {
        AtomicReference<String> seen = new AtomicReference<>();
        runIn(s, () -> {
            AtomicBoolean go = new AtomicBoolean();
            CountDownLatch parked = new CountDownLatch(4), done = new CountDownLatch(1);
            Runnable sleeper = () -> {
                parked.countDown();
                while (!go.get()) LockSupport.park();
            };
            Thread[] t = new Thread[4];
            for (int i = 0; i < 4; i++) t[i] = s.newproc(sleeper).thread();
            await(parked);
            for (Thread x : t) while (x.getState() != Thread.State.WAITING) Thread.yield();
            Thread foreign = Thread.ofVirtual().unstarted(() -> {
                go.set(true);
                P p = s.allp[0];
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 3; i++) {
                    LockSupport.unpark(t[i]); // from a foreign virtual thread on our M
                    sb.append(p.runq.size()).append('/').append(SchedTrace.stats(s).globalRunqueue()).append(' ');
                }
                sb.append(p.lvRunnext() == null);
                seen.set(sb.toString());
                done.countDown();
            });
            assertThat(G.current()).isNotNull();
            foreign.start();
            await(done);
            // And from a goroutine: runnext.
            LockSupport.unpark(t[3]);
            boolean inRunnext = s.allp[0].lvRunnext() == VirtualThreadHook.taskOf(t[3]);
            seen.set(seen.get() + " " + inRunnext);
        });
        return seen.get();
    }
}
