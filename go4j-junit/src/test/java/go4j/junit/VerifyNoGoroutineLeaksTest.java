package go4j.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import go4j.Chan;
import go4j.Go;
import go4j.sync.WaitGroup;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension run on sample test classes through the JUnit engine: a test that leaves a
 * goroutine running fails with its traceback, one that abandons a blocked goroutine fails with
 * the leak, and tests whose goroutines end (at once, or just after the test) pass, as do tests
 * beside goroutines that existed before them. The samples are nested classes, which Surefire does
 * not run by itself.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VerifyNoGoroutineLeaksTest {

    private static Events run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute().testEvents();
    }

    private static String failureMessage(Events events) {
        List<Event> failed = events.failed().list();
        assertThat(failed).hasSize(1);
        return failed.getFirst().getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow().getMessage();
    }

    // ---- samples ------------------------------------------------------------------------------

    @VerifyNoLeaks(graceMillis = 50)
    static class LeavesARunningGoroutine {
        static final Chan<Integer> HELD = Chan.make(); // reachable: the goroutine is blocked, not leaked

        @Test
        void startsAndForgets() {
            Go.go(() -> HELD.recv());
        }
    }

    @VerifyNoLeaks(graceMillis = 50)
    static class AbandonsABlockedGoroutine {
        @Test
        void abandons() {
            Chan<Integer> nobodyElseHasIt = Chan.make();
            Go.go(() -> nobodyElseHasIt.recv());
        }
    }

    @VerifyNoLeaks
    static class CleansUp {
        @Test
        void waitsForItsGoroutines() {
            WaitGroup wg = new WaitGroup();
            for (int i = 0; i < 10; i++) wg.go(() -> Go.gosched());
            wg.await();
        }

        @Test
        void releasesAGoroutineThatEndsJustAfterTheTest() {
            Chan<Void> release = Chan.make();
            Go.go(() -> { release.recv(); Go.gosched(); });
            release.close(); // the goroutine is still finishing when the test returns: the grace period covers it
        }
    }

    @VerifyNoLeaks(graceMillis = 50)
    static class BesideALongLivedGoroutine {
        static final Chan<Void> STOP = Chan.make();

        @BeforeAll
        static void startServer() {
            Go.go(() -> STOP.recv()); // exists before each test: ignored
        }

        @AfterAll
        static void stopServer() {
            STOP.close();
        }

        @Test
        void passes() {
            Go.run(() -> {});
        }
    }

    static class RegisteredInCode {
        static final Chan<Integer> HELD = Chan.make();

        @RegisterExtension
        static VerifyNoGoroutineLeaks leaks = new VerifyNoGoroutineLeaks()
                .withGrace(java.time.Duration.ofMillis(50))
                .ignoringFrames(RegisteredInCode.class.getName() + ".ignoredWorker");

        static void ignoredWorker() {
            HELD.recv();
        }

        @Test
        void leavesOnlyAnIgnoredGoroutine() {
            Go.go(RegisteredInCode::ignoredWorker);
        }
    }

    // ---- tests --------------------------------------------------------------------------------

    @Test
    void aTestThatLeavesAGoroutineRunningFailsWithItsTraceback() {
        Events events = run(LeavesARunningGoroutine.class);
        try {
            events.assertStatistics(s -> s.started(1).failed(1));
            assertThat(failureMessage(events))
                    .startsWith("found unexpected goroutines:\n1 goroutine started by the test still running 50 ms after it:\n")
                    .containsPattern("goroutine \\d+ \\[chan receive\\]:\n")
                    .contains("\tat go4j.Chan.recv(")
                    .contains("created by " + LeavesARunningGoroutine.class.getName() + ".startsAndForgets(");
        } finally {
            LeavesARunningGoroutine.HELD.close();
        }
    }

    @Test
    void aTestThatAbandonsABlockedGoroutineFailsWithTheLeak() {
        Go.setLeakWarnings(false);
        try {
            Events events = run(AbandonsABlockedGoroutine.class);
            events.assertStatistics(s -> s.started(1).failed(1));
            assertThat(failureMessage(events))
                    .contains("1 goroutine leaked (blocked forever on something nothing can reach; found by the GC):\n")
                    .containsPattern("goroutine \\d+ \\[chan receive, \\d+m?s\\]: on a channel made at "
                            + AbandonsABlockedGoroutine.class.getName().replace("$", "\\$") + ".abandons\\(VerifyNoGoroutineLeaksTest.java:\\d+\\); "
                            + "created by " + AbandonsABlockedGoroutine.class.getName().replace("$", "\\$") + ".abandons\\(");
        } finally {
            Go.setLeakWarnings(true);
        }
    }

    @Test
    void testsWhoseGoroutinesEndPass() {
        run(CleansUp.class).assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    }

    @Test
    void goroutinesThatExistedBeforeTheTestAreIgnored() {
        run(BesideALongLivedGoroutine.class).assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void framesCanBeIgnoredWhenRegisteredInCode() {
        try {
            run(RegisteredInCode.class).assertStatistics(s -> s.started(1).succeeded(1));
        } finally {
            RegisteredInCode.HELD.close();
        }
    }
}
