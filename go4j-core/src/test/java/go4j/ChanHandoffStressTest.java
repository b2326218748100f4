package go4j;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ChanHandoffTest}'s workload at the size where a lost wake-up once showed: 150 M values per capacity. */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ChanHandoffStressTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100})
    void producersAndConsumersNeverLoseAWakeUp(int capacity) {
        ChanHandoffTest.run(capacity, 3_000);
    }
}
