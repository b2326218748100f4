package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.ChildJvm;
import go4j.Go;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fresh JVM runs its first goroutine without setting up JFR: loading one JFR event class makes
 * the JDK initialise its whole recorder (half a second and more). The child logs every class it
 * loads; what it loaded before its first goroutine printed is the start-up path. (The management
 * beans are also off that path, but only by time: sysmon loads them when a run lasts, the JMX bean
 * is registered 200 ms after start, so on a loaded machine they may come first; not asserted.)
 */
class StartupTest {
    static final String RAN = "first goroutine ran";

    public static void main(String[] args) {
        Go.run(() -> System.out.println(RAN));
    }

    /** The class-load log of a child JVM running {@link #main} with {@code flags}, up to the first goroutine's line. */
    private static String loadedBeforeTheFirstGoroutine(String... flags) {
        List<String> all = new java.util.ArrayList<>(List.of("-Djdk.trackAllThreads=false", "-Xlog:class+load"));
        all.addAll(List.of(flags));
        ChildJvm.Result r = ChildJvm.run(StartupTest.class, all);
        assertThat(r.exit()).as(r.output()).isZero();
        int ran = r.output().indexOf(RAN + "\n");
        assertThat(ran).as(r.output()).isPositive();
        return r.output().substring(0, ran);
    }

    @Test
    void theFirstGoroutineDoesNotSetUpJfr() {
        String before = loadedBeforeTheFirstGoroutine();
        assertThat(before).contains(" go4j.runtime.G "); // the log is what we think it is
        assertThat(before).doesNotContain("go4j.runtime.JfrEvents$", "jdk.jfr.internal.MetadataRepository");
    }

    /**
     * Nothing the first goroutine does not need: without an agent, the wait path's classes are not
     * preloaded (LeakDetector.PRELOADED: only an agent's JVMTI state needs them loaded early), and
     * go4j spins no lambda of its own on the way, each of which costs a fresh JVM milliseconds.
     */
    @Test
    void theFirstGoroutineLoadsNeitherThePreloadNorLambdasOfGo4j() {
        String before = loadedBeforeTheFirstGoroutine();
        assertThat(before).contains(" go4j.runtime.G ").doesNotContain(" go4j.sync.Mutex ", " go4j.Select ");
        assertThat(before.lines().filter(l -> l.contains(" go4j.") && l.contains("$$Lambda") && !l.contains("StartupTest")))
                .isEmpty();
    }

    @Test
    void underARecordingThatRunsFromTheStartTheEventsAreAsked() {
        assertThat(loadedBeforeTheFirstGoroutine("-XX:StartFlightRecording"))
                .contains(" go4j.runtime.JfrEvents$GoroutineCreateEvent ");
    }
}
