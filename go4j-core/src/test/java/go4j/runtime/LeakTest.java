package go4j.runtime;

import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;

import go4j.Chan;
import go4j.Leak;
import go4j.sync.Mutex;
import go4j.sync.WaitGroup;
import java.io.File;
import java.io.OutputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Leaks proven by the collector: found when nothing can wake them, never while something can. */
@ExtendWith(SchedExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeakTest {

    /** Starts n goroutines that block forever on primitives only they can see; returns once all have blocked. */
    private static void leak(Sched s, int n, int kind) {
        CountDownLatch blocking = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case 0 -> {
                    Chan<Integer> abandoned = Chan.make();
                    s.newproc(() -> { blocking.countDown(); abandoned.recv(); });
                }
                case 1 -> {
                    Mutex m = new Mutex();
                    m.lock(); // held by nobody who will ever unlock it
                    s.newproc(() -> { blocking.countDown(); m.lock(); });
                }
                default -> {
                    WaitGroup wg = new WaitGroup();
                    wg.add(1);
                    s.newproc(() -> { blocking.countDown(); wg.await(); });
                }
            }
        }
        SchedExtension.await(blocking);
    }

    @Test
    void tenThousandGoroutinesLeakedThroughAbandonedChannelsMutexesAndWaitGroupsAreAllFound() {
        Sched s = SchedExtension.newSched(2);
        s.leakDetector.warn = false;
        leak(s, 3_334, 0);
        leak(s, 3_333, 1);
        leak(s, 3_333, 2);
        List<Leak> leaks = s.leakDetector.collect();
        for (int i = 0; i < 100 && leaks.size() < 10_000; i++) leaks = s.leakDetector.collect(); // one between countDown and park is still runnable (and may wait long for a core on a busy machine)
        assertThat(leaks).hasSize(10_000);
        Map<String, Long> byReason = leaks.stream().collect(Collectors.groupingBy(Leak::waitReason, Collectors.counting()));
        assertThat(byReason).containsExactlyInAnyOrderEntriesOf(Map.of(
                "chan receive", 3_334L, "sync.Mutex.Lock", 3_333L, "sync.WaitGroup.Wait", 3_333L));
        assertThat(leaks.getFirst().createdBy()).startsWith("created by go4j.runtime.LeakTest.leak(LeakTest.java:");
        assertThat(leaks.getFirst().toString()).matches("goroutine \\d+ \\[[a-zA-Z. ]+, \\d+m?s\\]: created by .*");
        assertThat(s.allgs.size()).isEqualTo(10_000); // they never ended: Go counts them too
    }

    /**
     * An agent that registers a transformer which changes nothing: enough for the JVM to post its
     * class-file-load hook on every class load, as under go4j's own preemption agent.
     */
    public static final class TransformingAgent {
        public static void premain(String args, Instrumentation inst) {
            inst.addTransformer(new ClassFileTransformer() {
                @Override
                public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
                    return null;
                }
            });
        }
    }

    /** The child JVM's program: args[0] goroutines, each leaked on its own channel, in a fresh runtime of args[1] Ps. */
    public static final class LeakEachOnItsOwnChannel {
        public static void main(String[] args) {
            int n = Integer.parseInt(args[0]);
            Sched s = new Sched(Integer.parseInt(args[1]), RunQueue.DEFAULT_CAPACITY, true);
            s.leakDetector.warn = false;
            AtomicInteger blocking = new AtomicInteger(); // not a latch: the goroutines must load no class of the test's own making
            for (int i = 0; i < n; i++) leakOne(s, blocking);
            while (blocking.get() < n) Thread.onSpinWait();
            List<Leak> leaks = s.leakDetector.collect();
            for (int i = 0; i < 100 && leaks.size() < n; i++) leaks = s.leakDetector.collect(); // one past the count but not yet parked is still runnable
            System.out.println("reported " + leaks.size() + " of " + n + ": " + leaks);
        }

        private static void leakOne(Sched s, AtomicInteger blocking) {
            Chan<Integer> abandoned = Chan.make();
            s.newproc(() -> { blocking.incrementAndGet(); abandoned.send(1); });
        }
    }

    /**
     * With a class-file transformer registered, a virtual thread that loads a class gets JVMTI
     * state that holds it strongly until it ends. The first goroutines to block used to load the
     * runtime's wait classes themselves, so one of them was never reported.
     */
    @ParameterizedTest(name = "{0} goroutines, GOMAXPROCS={1}")
    @CsvSource({"1, 1", "5, 2"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyGoroutineLeakedOnItsOwnChannelIsFoundUnderAClassTransformingAgent(int n, int procs, @TempDir Path dir) throws Exception {
        String out = underTransformingAgent(dir, List.of(), LeakEachOnItsOwnChannel.class, String.valueOf(n), String.valueOf(procs));
        assertThat(out).contains("reported " + n + " of " + n + ":");
    }

    /** The child JVM's program: one goroutine that loads a class nobody loaded before, then leaks on its own channel. */
    public static final class LeakRightAfterLoadingAClass {
        /** Loaded by the goroutine: nothing else in the child touches it. */
        static final class FirstLoadedByTheGoroutine {
            static int one() { return 1; }
        }

        public static void main(String[] args) {
            Sched s = new Sched(1, RunQueue.DEFAULT_CAPACITY, true);
            s.leakDetector.warn = false;
            AtomicInteger blocking = new AtomicInteger();
            leakOne(s, blocking);
            while (blocking.get() < 1) Thread.onSpinWait();
            List<Leak> leaks = s.leakDetector.collect();
            for (int i = 0; i < 100 && leaks.isEmpty(); i++) leaks = s.leakDetector.collect();
            System.out.println("reported " + leaks.size() + " of 1: " + leaks);
        }

        private static void leakOne(Sched s, AtomicInteger blocking) {
            Chan<Integer> abandoned = Chan.make();
            s.newproc(() -> { blocking.addAndGet(FirstLoadedByTheGoroutine.one()); abandoned.send(1); });
        }
    }

    /**
     * The JVMTI state that holds a class-loading virtual thread belongs to the JVM's
     * virtual-thread mount/unmount tracking: with it off
     * ({@code -XX:-DoJVMTIVirtualThreadTransitions}, as {@code ./go4j run} passes with the agent)
     * a goroutine that leaks right after loading a class of its own is found too. (With the
     * tracking on, JDK 25 never reports this one.)
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aGoroutineThatFirstLoadsAClassIsFoundUnderATransformingAgentWithoutJvmtiVirtualThreadTransitions(@TempDir Path dir)
            throws Exception {
        String out = underTransformingAgent(dir,
                List.of("-XX:+UnlockExperimentalVMOptions", "-XX:-DoJVMTIVirtualThreadTransitions"),
                LeakRightAfterLoadingAClass.class);
        assertThat(out).contains("reported 1 of 1:");
    }

    /** Runs {@code main} in a child JVM with a class-transforming agent and these extra flags; returns its output. */
    private static String underTransformingAgent(Path dir, List<String> flags, Class<?> main, String... args) throws Exception {
        Path agent = dir.resolve("transforming-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), TransformingAgent.class.getName());
        try (OutputStream out = Files.newOutputStream(agent); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            // the agent class itself comes from the test classes on the class path
        }
        String cp = Path.of(Chan.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + File.pathSeparator
                + Path.of(LeakTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("child.log");
        List<String> cmd = new java.util.ArrayList<>(List.of(java.toString(), "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-Djdk.trackAllThreads=false", "-Dgo4j.hogs=quiet"));
        cmd.addAll(flags);
        cmd.addAll(List.of("-javaagent:" + agent, "-cp", cp, main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(50, TimeUnit.SECONDS); // a hung child fails the test rather than outliving it
        if (!ended) p.destroyForcibly().waitFor();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void tenThousandBlockedButReachableGoroutinesAreNeverReported() throws InterruptedException {
        blockedButReachableAreNeverReported(10_000); // a hundred thousand: LeakStressTest
    }

    static void blockedButReachableAreNeverReported(int n) throws InterruptedException {
        Sched s = SchedExtension.newSched(2);
        s.leakDetector.warn = false;
        Chan<Integer> work = Chan.make();
        Chan<Void> done = Chan.make();
        CountDownLatch blocking = new CountDownLatch(n);
        // The holder keeps `work` alive while it waits on `done`, which this test holds.
        s.newproc(() -> {
            for (int i = 0; i < n; i++) s.newproc(() -> { blocking.countDown(); work.recv(); });
            done.recv();
            work.close();
        });
        blocking.await();
        assertThat(s.leakDetector.collect()).isEmpty();
        assertThat(s.leakDetector.collect()).isEmpty();
        done.close();
        while (s.allgs.size() > 0) Thread.yield();
        assertThat(s.leakDetector.collect()).isEmpty();
    }

    @Test
    void stackShowsWaitReasonFramesAndCreator() throws InterruptedException {
        Sched s = SchedExtension.newSched(1);
        Chan<Integer> ch = Chan.make();
        CountDownLatch blocking = new CountDownLatch(1);
        G g = s.newproc(() -> { blocking.countDown(); ch.recv(); });
        blocking.await();
        while (g.thread().getState() != Thread.State.WAITING) Thread.yield();
        String dump = Traceback.dump(s, true);
        assertThat(dump).contains("goroutine " + g.goid + " [chan receive]:\n")
                .containsPattern("\tat go4j.Chan.recv\\(Chan.java:\\d+\\)\n")
                .contains("created by go4j.runtime.LeakTest.stackShowsWaitReasonFramesAndCreator(LeakTest.java:");
        ch.close();
        g.thread().join();
    }

    @Test
    void stackOfTheCallerSaysRunningAndNamesItsParent() throws InterruptedException {
        Sched s = SchedExtension.newSched(1);
        String[] dump = new String[1];
        long[] ids = new long[2];
        SchedExtension.runIn(s, () -> {
            ids[0] = G.current().goid;
            G child = s.newproc(() -> {
                ids[1] = G.current().goid;
                dump[0] = Traceback.dump(s, false);
            });
            try { child.thread().join(); } catch (InterruptedException e) { throw new AssertionError(e); }
        });
        assertThat(dump[0]).startsWith("goroutine " + ids[1] + " [running]:\n\tat go4j.runtime.LeakTest.")
                .endsWith("in goroutine " + ids[0] + "\n\n");
    }
}
