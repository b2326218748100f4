package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.ChildJvm;
import go4j.Go;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Leak detection is never silently off: when a virtual thread started before go4j made the JDK track
 * every virtual thread (as under exec:java or a test runner started without the flag), go4j says
 * so in one line, with the flag that turns detection on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeakDetectionOffTest {

    /** The child JVM's program: a thread starts before go4j does, then a goroutine leaks. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            Thread.ofVirtual().start(() -> {}).join(); // the JDK reads jdk.trackAllThreads now, as its own default
            Go.go(() -> go4j.Chan.make().recv());
            int found = 0;
            for (int i = 0; i < 50 && found == 0; i++) found = Go.leaks().size(); // each look is a full GC
            System.out.println("leaks reported: " + found);
        }
    }

    @Test
    void aJvmThatTracksEveryVirtualThreadIsToldThatLeakDetectionIsOff() {
        ChildJvm.Result r = ChildJvm.run(Main.class, List.of());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output())
                .contains("leaks reported: 0")
                .containsOnlyOnce("go4j: warning: leak detection is off")
                .contains("-Djdk.trackAllThreads=false");
    }

    @Test
    void withTheFlagLeaksAreFoundAndNothingIsSaid() {
        ChildJvm.Result r = ChildJvm.run(Main.class, List.of("-Djdk.trackAllThreads=false"));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("leaks reported: 1").doesNotContain("leak detection is off");
    }
}
