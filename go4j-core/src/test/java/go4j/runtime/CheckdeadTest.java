package go4j.runtime;

import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;

import go4j.Chan;
import go4j.ChildJvm;
import go4j.Go;
import go4j.sync.Mutex;
import go4j.sync.WaitGroup;
import go4j.time.Time;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Go's deadlock detector: a program whose main thread waits in go4j while every goroutine is
 * asleep in go4j, with no timer pending and no other thread alive, ends as Go's does; and nothing
 * that could still wake a goroutine is ever taken for a deadlock.
 */
@ExtendWith(SchedExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CheckdeadTest {

    // ---- whole programs, in child JVMs --------------------------------------------------------

    /** Child programs, chosen by their first argument. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            switch (args[0]) {
                case "run-recv" -> Go.run(() -> Chan.make().recv());
                case "main-recv" -> {
                    Chan<Integer> c = Chan.make();
                    WaitGroup wg = new WaitGroup();
                    wg.add(1);
                    Mutex mu = new Mutex();
                    mu.lock();
                    Go.go(wg::await);
                    Go.go(mu::lock);
                    Go.go(() -> go4j.Select.select(go4j.Select.recv(Chan.make(), v -> {}), go4j.Select.recv(Chan.make(), v -> {})));
                    c.recv();
                }
                case "sleeping-sender" -> { // a goroutine in Thread.sleep will wake: not dead
                    Chan<Integer> c = Chan.make();
                    Go.go(() -> { sleep(300); c.send(1); });
                    c.recv();
                }
                case "timed-park-sender" -> {
                    Chan<Integer> c = Chan.make();
                    Go.go(() -> { LockSupport.parkNanos(300_000_000L); c.send(1); });
                    c.recv();
                }
                case "timer-pending" -> { // asleep on a channel, but a go4j timer will fire
                    Go.run(() -> Time.after(Duration.ofMillis(300)).recv());
                }
                case "platform-sender" -> { // another thread alive: not dead
                    Chan<Integer> c = Chan.make();
                    Thread.ofPlatform().start(() -> { sleep(300); c.send(1); });
                    c.recv();
                }
                case "off" -> { // dead, but detection is off: an invisible watchdog ends it
                    watchdog();
                    Go.run(() -> Chan.make().recv());
                }
                case "readied-probe" -> readiedProbe();
                default -> throw new IllegalArgumentException(args[0]);
            }
            System.out.println("main returned");
        }

        /**
         * Main parks (WAITING) with nothing else alive, as in a deadlock; a thread the detector
         * ignores asks for the fingerprint twice: with main's wait not over, and readied (its
         * probe true) but not yet run, as main is while the OS has not scheduled it after a wake-up.
         */
        static void readiedProbe() {
            Thread main = Thread.currentThread();
            Sched sched = Sched.get();
            ThreadGroup outside = new ThreadGroup(main.getThreadGroup().getParent(), "asker");
            Thread asker = new Thread(outside, () -> {
                while (main.getState() != Thread.State.WAITING) Thread.onSpinWait();
                long waiting = Checkdead.deadFingerprint(sched, main, "chan receive", () -> false);
                long readied = Checkdead.deadFingerprint(sched, main, "chan receive", () -> true);
                System.out.println("waiting " + (waiting != 0 && waiting != Checkdead.LOOK_AGAIN ? "dead" : "alive"));
                System.out.println("readied " + (readied != 0 && readied != Checkdead.LOOK_AGAIN ? "dead" : "alive"));
                System.out.flush();
                Runtime.getRuntime().halt(0);
            });
            asker.setDaemon(true);
            asker.start();
            while (true) LockSupport.park();
        }

        /** A thread outside the main thread group, as the JDK's own are, so the detector ignores it. */
        static void watchdog() {
            ThreadGroup outside = new ThreadGroup(Thread.currentThread().getThreadGroup().getParent(), "watchdog");
            Thread t = new Thread(outside, () -> {
                sleep(2_000);
                System.out.println("still alive");
                System.out.flush();
                Runtime.getRuntime().halt(0);
            });
            t.setDaemon(true);
            t.start();
        }

        static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aGoroutineBlockedForeverInGoRunEndsTheProgramAsGoDoes() {
        ChildJvm.Result r = ChildJvm.run(Main.class, List.of(), "run-recv");
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output())
                .startsWith("fatal error: all goroutines are asleep - deadlock!\n\n")
                .contains("thread \"main\" [Go.run]:", "at go4j.Go.run(")
                .containsPattern("\ngoroutine \\d+ \\[chan receive\\]:\n")
                .doesNotContain("main returned");
    }

    @Test
    void mainBlockedOnAChannelWithGoroutinesOnAWaitGroupAMutexAndASelectIsDead() {
        ChildJvm.Result r = ChildJvm.run(Main.class, List.of(), "main-recv");
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("all goroutines are asleep - deadlock!", "thread \"main\" [chan receive]:",
                "[sync.WaitGroup.Wait]", "[sync.Mutex.Lock]", "[select]");
    }

    @Test
    void nothingThatCanStillWakeAGoroutineIsTakenForADeadlock() {
        for (String program : List.of("sleeping-sender", "timed-park-sender", "timer-pending", "platform-sender")) {
            ChildJvm.Result r = ChildJvm.run(Main.class, List.of(), program);
            assertThat(r.exit()).as(program + ":\n" + r.output()).isZero();
            assertThat(r.output()).as(program).contains("main returned").doesNotContain("deadlock");
        }
    }

    @Test
    void aMainThreadReadiedButNotYetRunIsNotDead() {
        ChildJvm.Result r = ChildJvm.run(Main.class, List.of(), "readied-probe");
        assertThat(r.output()).as(r.output()).contains("waiting dead", "readied alive");
    }

    @Test
    void aPropertyTurnsItOff() {
        ChildJvm.Result r = ChildJvm.run(Main.class, List.of("-Dgo4j.deadlock=off"), "off");
        assertThat(r.output()).contains("still alive").doesNotContain("deadlock");
        assertThat(r.exit()).isZero();
    }

    // ---- one goroutine: asleep, or able to wake ------------------------------------------------

    @Test
    void aGoroutineIsAsleepOnlyWhenParkedUntimedInAGo4jPrimitive() throws Exception {
        Sched s = SchedExtension.newSched(2);
        assertThat(stateOf(s, () -> Chan.make().recv(), t -> t.getState() == Thread.State.WAITING)).isTrue();
        assertThat(stateOf(s, () -> Time.sleep(Duration.ofHours(1)), t -> t.getState() == Thread.State.TIMED_WAITING)).isFalse();
        assertThat(stateOf(s, () -> LockSupport.parkNanos(3_600_000_000_000L), t -> t.getState() == Thread.State.TIMED_WAITING)).isFalse();
        ReentrantLock jdkLock = new ReentrantLock();
        jdkLock.lock();
        try {
            assertThat(stateOf(s, jdkLock::lock, t -> t.getState() == Thread.State.WAITING)).as("a JDK lock").isFalse();
        } finally {
            jdkLock.unlock();
        }
        try (ServerSocket server = new ServerSocket(0)) {
            assertThat(stateOf(s, () -> accept(server), t -> t.getState() == Thread.State.WAITING)).as("a socket accept").isFalse();
        }
    }

    /** Starts {@code body} on {@code s}, waits until its thread is in the state {@code parked} says, and asks whether it is asleep. */
    private static boolean stateOf(Sched s, Runnable body, Predicate<Thread> parked) {
        G g = s.newproc(() -> {
            try {
                body.run();
            } catch (RuntimeException ignored) {
                // the socket closed under the accept
            }
        });
        while (!parked.test(g.thread())) Thread.onSpinWait();
        return Checkdead.asleep(g);
    }

    private static void accept(ServerSocket server) {
        try {
            server.accept().close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
