package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.ChildJvm;
import go4j.Go;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fresh JVM runs its first goroutine without setting up what only observers need: loading one
 * JFR event class makes the JDK initialise its whole recorder (half a second and more), and
 * java.lang.management costs tens of milliseconds. The child logs every class it loads; what it
 * loaded before its first goroutine printed is the start-up path.
 */
class StartupTest {
    static final String RAN = "first goroutine ran";

    public static void main(String[] args) {
        Go.run(() -> System.out.println(RAN));
    }

    @Test
    void theFirstGoroutineNeedsNeitherJfrNorManagement() {
        ChildJvm.Result r = ChildJvm.run(StartupTest.class, List.of("-Djdk.trackAllThreads=false", "-Xlog:class+load"));
        assertThat(r.exit()).as(r.output()).isZero();
        int ran = r.output().indexOf(RAN + "\n");
        assertThat(ran).as(r.output()).isPositive();
        String before = r.output().substring(0, ran);
        assertThat(before).contains(" go4j.runtime.G "); // the log is what we think it is
        assertThat(before).doesNotContain("go4j.runtime.JfrEvents$", "jdk.jfr.internal.MetadataRepository",
                "java.lang.management.ManagementFactory ");
    }

    @Test
    void underARecordingThatRunsFromTheStartTheEventsAreAsked() {
        ChildJvm.Result r = ChildJvm.run(StartupTest.class,
                List.of("-Djdk.trackAllThreads=false", "-Xlog:class+load", "-XX:StartFlightRecording"));
        assertThat(r.exit()).as(r.output()).isZero();
        int ran = r.output().indexOf(RAN + "\n");
        assertThat(ran).as(r.output()).isPositive();
        assertThat(r.output().substring(0, ran)).contains(" go4j.runtime.JfrEvents$GoroutineCreateEvent ");
    }
}
