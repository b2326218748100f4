package go4j.junit;

import static go4j.Go.go;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import go4j.Chan;
import go4j.context.Context;
import go4j.context.DeadlineExceededException;
import go4j.synctest.Synctest;
import go4j.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@link InBubble}: test methods run in a bubble (they see the fake clock, and an hour passes at
 * once); through the JUnit engine, a deadlocked test and a test whose goroutine failed fail with
 * the report and the assertion, and checked exceptions pass through unchanged.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SynctestExtensionTest {
    static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

    @Nested
    @InBubble
    class InABubble {
        @Test
        void seesTheFakeClock() {
            assertThat(Time.now()).isEqualTo(START);
            try (var ctx = Context.withTimeout(Context.background(), Duration.ofHours(1))) {
                ctx.done().recv();
                assertThat(ctx.err()).isInstanceOf(DeadlineExceededException.class);
            }
            assertThat(Time.since(START)).isEqualTo(Duration.ofHours(1));
        }

        @RepeatedTest(3)
        void eachRepetitionHasItsOwnBubble() {
            assertThat(Time.now()).isEqualTo(START);
            Time.sleep(Duration.ofMinutes(5));
            Synctest.await();
        }
    }

    // ---- samples, run through the engine ----------------------------------------------------

    @InBubble
    static class Deadlocks {
        @Test
        void waitsForever() {
            Chan<Integer> never = Chan.make();
            go(() -> never.send(1));
            never.send(2);
        }
    }

    @InBubble
    static class GoroutineFails {
        @Test
        void assertsInAGoroutine() {
            go(() -> assertThat(Time.now()).isEqualTo(START.plusSeconds(1)));
            Synctest.await();
        }
    }

    static class OnAMethod {
        @Test
        @InBubble
        void throwsChecked() throws IOException {
            throw new IOException("checked, through the bubble");
        }
    }

    private static List<Throwable> failures(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute().testEvents().failed()
                .list().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .toList();
    }

    @Test
    void aDeadlockedTestFailsWithTheReport() {
        List<Throwable> failed = failures(Deadlocks.class);
        assertThat(failed).hasSize(1);
        assertThat(failed.getFirst())
                .isInstanceOf(go4j.synctest.SynctestDeadlockException.class)
                .hasMessageStartingWith("deadlock: all goroutines in bubble are blocked")
                .hasMessageContaining("[chan send (durable)]");
    }

    @Test
    void aFailingGoroutineFailsTheTest() {
        var old = go4j.Go.setPanicHandler((id, t) -> {});
        try {
            List<Throwable> failed = failures(GoroutineFails.class);
            assertThat(failed).hasSize(1);
            assertThat(failed.getFirst()).isInstanceOf(AssertionError.class).hasMessageContaining("2000-01-01T00:00:01Z");
        } finally {
            go4j.Go.setPanicHandler(old);
        }
    }

    @Test
    void checkedExceptionsPassThroughUnchanged() {
        List<Throwable> failed = failures(OnAMethod.class);
        assertThat(failed).hasSize(1);
        assertThat(failed.getFirst()).isInstanceOf(IOException.class).hasMessage("checked, through the bubble");
    }

}
