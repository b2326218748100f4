package go4j.runtime;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LeakTest's checks at sizes too slow for the default suite (profile {@code -Pstress}). */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LeakStressTest {

    @Test
    void aHundredThousandBlockedButReachableGoroutinesAreNeverReported() throws InterruptedException {
        LeakTest.blockedButReachableAreNeverReported(100_000);
    }
}
