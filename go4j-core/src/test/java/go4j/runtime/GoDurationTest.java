package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link GoDuration}: Go's notation, and the rounded form of reports. */
class GoDurationTest {

    @Test
    void goNotation() {
        assertThat(GoDuration.format(0)).isEqualTo("0s");
        assertThat(GoDuration.format(7)).isEqualTo("7ns");
        assertThat(GoDuration.format(1_200)).isEqualTo("1.2µs");
        assertThat(GoDuration.format(250_000_000)).isEqualTo("250ms");
        assertThat(GoDuration.format(1_500_000)).isEqualTo("1.5ms");
        assertThat(GoDuration.format(1_500_000_000)).isEqualTo("1.5s");
        assertThat(GoDuration.format(3_723_500_000_000L)).isEqualTo("1h2m3.5s");
        assertThat(GoDuration.format(3_600_000_000_000L)).isEqualTo("1h0m0s");
        assertThat(GoDuration.format(-61_000_000_000L)).isEqualTo("-1m1s");
        assertThat(GoDuration.format(1_000_000_001L)).isEqualTo("1.000000001s");
    }

    @Test
    void reportsRoundToMillisecondsUnderASecondAndToSecondsAbove() {
        assertThat(GoDuration.rounded(Duration.ofNanos(55_400_000))).isEqualTo("55ms");
        assertThat(GoDuration.rounded(Duration.ZERO)).isEqualTo("0s");
        assertThat(GoDuration.rounded(Duration.ofMillis(2_700))).isEqualTo("2s");
        assertThat(GoDuration.rounded(Duration.ofMillis(187_900))).isEqualTo("3m7s");
    }
}
