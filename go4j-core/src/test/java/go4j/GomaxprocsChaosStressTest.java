package go4j;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The long run of {@link GomaxprocsChaos} ({@code -Pstress}). */
@Timeout(value = 20, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GomaxprocsChaosStressTest {
    @Test
    void everyValueSleepAndTimerArrivesWhileGomaxprocsChangesAtRandom() {
        for (int round = 0; round < 60; round++) GomaxprocsChaos.run(1000 + round, 200_000, 2_000);
    }
}
