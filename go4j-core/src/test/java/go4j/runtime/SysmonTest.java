package go4j.runtime;

import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where the model breaks down on plain virtual threads: carriers blocked in native calls, and
 * goroutines that never yield. Each test would hang or count zero ticks without sysmon.
 */
@ExtendWith(SchedExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SysmonTest {

    @org.junit.jupiter.api.BeforeAll
    static void linkTheNativeCallFirst() {
        NativeCalls.usleep(1); // FFM's first link takes a while of CPU: not part of any measurement
    }

    /** A goroutine that ticks every 10 ms until stopped; counts the ticks. */
    static final class Ticker {
        final AtomicInteger ticks = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong maxGapNs = new AtomicLong();

        Ticker(Sched s) {
            s.newproc(() -> {
                long last = System.nanoTime();
                while (!stop.get()) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long now = System.nanoTime();
                    maxGapNs.accumulateAndGet(now - last, Math::max);
                    last = now;
                    ticks.incrementAndGet();
                }
            });
        }

        void awaitTicks(int n) {
            while (ticks.get() < n) Thread.onSpinWait();
        }
    }

    /**
     * Runs {@code call} in a goroutine of {@code s} once {@code ticker} ticks, and returns how many
     * ticks happened while the call ran; the ticker is stopped afterwards.
     */
    private static int ticksDuring(Sched s, Ticker ticker, Runnable call) throws InterruptedException {
        ticker.awaitTicks(1);
        int[] during = new int[1];
        SchedExtension.runIn(s, () -> {
            int before = ticker.ticks.get();
            call.run();
            during[0] = ticker.ticks.get() - before;
        });
        ticker.stop.set(true);
        return during[0];
    }

    @Test
    void aGoroutineInALongNativeCallDoesNotStopTheOthers() throws InterruptedException {
        Sched s = SchedExtension.newSched(1);
        Ticker ticker = new Ticker(s);
        // The call holds the carrier, and so the only P, for 500 ms.
        int during = ticksDuring(s, ticker, () -> NativeCalls.usleep(500_000));
        System.out.printf("ticks during a 500 ms native call with GOMAXPROCS=1: %d (largest gap %.1f ms)%n",
                during, ticker.maxGapNs.get() / 1e6);
        assertThat(during).as("ticks while the only P's carrier was blocked").isPositive();
        assertThat(SchedTrace.stats(s).handoffs()).isPositive();
    }

    @Test
    void twiceGomaxprocsNativeCallsAtOnceKeepOthersRunningWithBoundedThreads() throws InterruptedException {
        int procs = 2;
        Sched s = SchedExtension.newSched(procs);
        Ticker ticker = new Ticker(s);
        ticker.awaitTicks(1);
        int blocked = 2 * procs;
        CountDownLatch done = new CountDownLatch(blocked);
        AtomicInteger before = new AtomicInteger(ticker.ticks.get());
        int[] during = new int[1];
        for (int i = 0; i < blocked; i++) {
            s.newproc(() -> {
                NativeCalls.usleep(300_000);
                done.countDown();
            });
        }
        done.await();
        during[0] = ticker.ticks.get() - before.get();
        ticker.stop.set(true);
        assertThat(during[0]).isPositive();
        // The blocked Ms, plus one M per P, plus the spinning ones the Ps may have: never one per goroutine ever readied.
        assertThat(SchedTrace.stats(s).threads()).isLessThanOrEqualTo(blocked + 2 * procs + 1);
    }

    @Test
    void declaredSyscallHandsThePOffBeforeTheCall() throws Exception {
        Sched s = SchedExtension.newSched(1);
        Ticker ticker = new Ticker(s);
        int during = ticksDuring(s, ticker, () -> {
            try {
                s.handoff.syscall(() -> {
                    NativeCalls.usleep(300_000);
                    return null;
                });
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(during).isPositive();
        assertThat(SchedTrace.stats(s).syscalls()).isEqualTo(1);
    }

    @Test
    void syscallFastPathTakesItsPBackWhenNobodyWantedIt() throws Exception {
        Sched s = SchedExtension.newSched(1);
        List<Integer> pids = new ArrayList<>();
        SchedExtension.runIn(s, () -> {
            for (int i = 0; i < 100; i++) {
                try {
                    s.handoff.syscall(() -> null);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                pids.add(SchedExtension.currentPid());
            }
        });
        assertThat(pids).hasSize(100).containsOnly(0);
        assertThat(SchedTrace.stats(s).threads()).isEqualTo(1); // no M was started for an idle P
    }

    @Test
    void cpuBoundLoopsThatCheckpointArePreemptedSoTheTickerRuns() throws InterruptedException {
        Sched s = SchedExtension.newSched(1);
        Ticker ticker = new Ticker(s);
        ticker.awaitTicks(1);
        CountDownLatch done = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            s.newproc(() -> {
                long x = 0;
                while (ticker.ticks.get() < 20) { // only the ticker can end these loops
                    x++;
                    if (Preempt.pending) Preempt.poll(); // what Go.checkpoint() and the agent do
                }
                if (x == 42) System.out.print(""); // keep x alive
                done.countDown();
            });
        }
        done.await();
        ticker.stop.set(true);
        System.out.printf("largest ticker gap beside two CPU-bound loops, GOMAXPROCS=1: %.1f ms%n", ticker.maxGapNs.get() / 1e6);
        assertThat(SchedTrace.stats(s).preemptions()).isPositive();
    }

    /**
     * Two goroutines handing a turn back and forth with park/unpark until {@code stop} says so,
     * each readying the other into runnext (which inherits the time slice). With
     * {@code checkpoints}, each polls for preemption as the agent would make it. Returns when both ended.
     */
    private static void pingPongPair(Sched s, java.util.function.BooleanSupplier stop, boolean checkpoints)
            throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] pair = new Thread[2];
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch done = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            int me = i;
            s.newproc(() -> {
                pair[me] = Thread.currentThread();
                started.countDown();
                SchedExtension.await(started);
                while (!stop.getAsBoolean()) {
                    while (turn.get() != me && !stop.getAsBoolean()) {
                        java.util.concurrent.locks.LockSupport.park();
                        if (checkpoints && Preempt.pending) Preempt.poll();
                    }
                    turn.set(1 - me);
                    java.util.concurrent.locks.LockSupport.unpark(pair[1 - me]);
                    if (checkpoints && Preempt.pending) Preempt.poll();
                }
                java.util.concurrent.locks.LockSupport.unpark(pair[1 - me]);
                done.countDown();
            });
        }
        done.await();
    }

    @Test
    void aPingPongPairSharesOneSliceSoItIsPreemptedToo() throws InterruptedException {
        Sched s = SchedExtension.newSched(1);
        s.sysmon.printHogs = false; // default threshold, 100 ms: the pair runs ~200 ms, preempted as one, never a hog
        Ticker ticker = new Ticker(s);
        ticker.awaitTicks(1);
        // The pair never starts a new slice, so sysmon preempts it after 10 ms like one long
        // goroutine, and only then can the ticker run and end it.
        pingPongPair(s, () -> ticker.ticks.get() >= 20, true);
        ticker.stop.set(true);
        assertThat(SchedTrace.stats(s).preemptions()).isPositive();
        assertThat(SchedTrace.hogs(s)).as("goroutines that park all the time are not hogs").isEmpty();
    }

    @Test
    void aRunnextPairThatParksAllTheTimeIsNotAHogThoughItsSliceIsLong() throws InterruptedException {
        Sched s = SchedExtension.newSched(1);
        s.sysmon.printHogs = false;
        // No checkpoints: the pair keeps one slice for 300 ms, three hog thresholds, yet each
        // goroutine runs only for a moment between parks.
        long until = System.nanoTime() + 300_000_000L;
        pingPongPair(s, () -> System.nanoTime() > until, false);
        assertThat(SchedTrace.hogs(s)).isEmpty();
    }

    @Test
    void aGoroutineThatNeverYieldsIsReportedOnceAsAHog() throws InterruptedException {
        Sched s = SchedExtension.newSched(1);
        s.sysmon.printHogs = false;
        s.sysmon.hogThresholdNs = 20_000_000;
        G hog = s.newproc(() -> {
            // Not SchedTrace.hogs(s): it takes a monitor sysmon may hold, and a goroutine blocked on a monitor
            // unmounts, which would end the episode.
            while (s.hogReports.sum() == 0) Thread.onSpinWait();
            long until = System.nanoTime() + 100_000_000; // five more thresholds in the same episode
            while (System.nanoTime() < until) Thread.onSpinWait();
        });
        hog.thread().join();
        List<String> hogs = SchedTrace.hogs(s);
        assertThat(hogs).hasSize(1);
        assertThat(hogs.getFirst()).matches("go4j: goroutine " + hog.goid + " has run \\d+ ms on P0 without yielding");
    }

    /** A class whose initialisation runs 200 ms of CPU, as the JDK's locale data can on first use. */
    static final class SlowToInitialise {
        static final long SPUN;
        static {
            long until = System.nanoTime() + 200_000_000, n = 0;
            while (System.nanoTime() < until) n++;
            SPUN = n;
        }
    }

    @Test
    void initialisingAClassIsNotTheGoroutinesHog() throws InterruptedException {
        Sched s = SchedExtension.newSched(1);
        s.sysmon.printHogs = false;
        s.sysmon.hogThresholdNs = 20_000_000; // ten thresholds inside <clinit>
        G g = s.newproc(() -> assertThat(SlowToInitialise.SPUN).isPositive());
        g.thread().join();
        assertThat(SchedTrace.hogs(s)).isEmpty();
    }

    @Test
    void aStackInTheParkMachineryOrInClassLoadingIsNotOwnCode() {
        StackTraceElement user = new StackTraceElement("com.acme.Worker", "run", "Worker.java", 42);
        StackTraceElement park = new StackTraceElement("jdk.internal.vm.Continuation", "doYield", null, -2);
        StackTraceElement vt = new StackTraceElement("java.lang.VirtualThread", "park", "VirtualThread.java", 742);
        StackTraceElement clinit = new StackTraceElement("com.acme.Locale", "<clinit>", "Locale.java", 7);
        StackTraceElement load = new StackTraceElement("java.lang.ClassLoader", "loadClass", "ClassLoader.java", 500);
        assertThat(HogStack.classify(new StackTraceElement[] {user})).isEqualTo(HogStack.Kind.OWN_CODE);
        assertThat(HogStack.classify(new StackTraceElement[] {park, vt, user})).isEqualTo(HogStack.Kind.PARKING);
        assertThat(HogStack.classify(new StackTraceElement[] {vt, user})).isEqualTo(HogStack.Kind.PARKING);
        assertThat(HogStack.classify(new StackTraceElement[0])).isEqualTo(HogStack.Kind.PARKING);
        assertThat(HogStack.classify(new StackTraceElement[] {user, clinit, user})).isEqualTo(HogStack.Kind.CLASS_INIT);
        assertThat(HogStack.classify(new StackTraceElement[] {load, user})).isEqualTo(HogStack.Kind.CLASS_INIT);
    }

    @Test
    void aGoroutineBlockedInACallIsReportedAsBlockedNotRunning() throws InterruptedException {
        Sched s = SchedExtension.newSched(1);
        s.sysmon.printHogs = false;
        s.sysmon.hogThresholdNs = 20_000_000;
        G g = s.newproc(() -> NativeCalls.usleep(200_000));
        g.thread().join();
        assertThat(SchedTrace.hogs(s)).singleElement().asString()
                .matches("go4j: goroutine " + g.goid + " has been blocked in a call for \\d+ ms, holding P0's carrier");
    }

    @Test
    void anIdleRuntimeLetsSysmonSleep() throws InterruptedException {
        Sched s = SchedExtension.newSched(2);
        CountDownLatch done = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) s.newproc(done::countDown);
        done.await();
        while (!s.sysmon.sleeping) Thread.onSpinWait();
        assertThat(s.idle.allIdle()).isTrue();
    }

    /** The child JVM's program for the thread-limit test. */
    public static final class ThreadLimitMain {
        public static void main(String[] args) {
            go4j.Go.setMaxThreads(4);
            for (int i = 0; i < 16; i++) {
                go4j.Go.go(() -> go4j.Go.syscall(() -> NativeCalls.usleep(5_000_000)));
                go4j.Go.go(() -> { while (true) go4j.Go.gosched(); });
            }
            NativeCalls.usleep(20_000_000);
            System.out.println("no limit hit");
        }
    }

    @Test
    void exceedingTheThreadLimitFailsWithOneClearLine() throws Exception {
        String cp = Path.of(go4j.Go.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + File.pathSeparator
                + Path.of(SysmonTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "-Dgo4j.maxprocs=1", "-cp", cp, ThreadLimitMain.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isEqualTo(2);
        assertThat(out).contains("go4j: program exceeds 4-thread limit").doesNotContain("no limit hit");
    }
}
