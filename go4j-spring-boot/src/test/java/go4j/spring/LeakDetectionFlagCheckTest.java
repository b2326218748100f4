package go4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeakDetectionFlagCheckTest {

    @Test
    void silentWhenTheFlagIsThere() {
        assertThat(LeakDetectionFlagCheck.warning(List.of("-Xmx1g", "-Djdk.trackAllThreads=false"))).isNull();
    }

    @Test
    void warnsWhenItIsMissing() {
        assertThat(LeakDetectionFlagCheck.warning(List.of("-Xmx1g")))
                .isEqualTo("go4j: leaked goroutines are not found unless the JVM starts with -Djdk.trackAllThreads=false"
                        + " (it is not among this JVM's arguments)");
    }

    @Test
    void theLastSettingWins() {
        assertThat(LeakDetectionFlagCheck.warning(List.of("-Djdk.trackAllThreads=false", "-Djdk.trackAllThreads=true")))
                .endsWith("(this JVM has -Djdk.trackAllThreads=true)");
        assertThat(LeakDetectionFlagCheck.warning(List.of("-Djdk.trackAllThreads=true", "-Djdk.trackAllThreads=false")))
                .isNull();
    }

    @Test
    void thisTestJvmHasIt() { // the build passes it: the application tests' leak checks depend on it
        assertThat(LeakDetectionFlagCheck.warning(
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())).isNull();
    }
}
