package go4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Lincheck checks of {@link ChanLincheckTest} and {@link ChanBlockingLincheckTest} with many
 * more scenarios and interleavings (run with {@code -Pstress}; minutes, not seconds).
 */
@Timeout(1800)
class ChanLincheckStressTest {

    @Test
    void nonBlockingOperations() {
        ChanLincheckTest.check(ChanLincheckTest.Cap0.class, ChanLincheckTest.Model0.class, 30, 1000);
        ChanLincheckTest.check(ChanLincheckTest.Cap1.class, ChanLincheckTest.Model1.class, 30, 1000);
        ChanLincheckTest.check(ChanLincheckTest.Cap2.class, ChanLincheckTest.Model2.class, 30, 1000);
    }

    @Test
    void blockingOperations() {
        ChanBlockingLincheckTest.check(ChanBlockingLincheckTest.Cap0.class, 2000);
        ChanBlockingLincheckTest.check(ChanBlockingLincheckTest.Cap1.class, 2000);
        ChanBlockingLincheckTest.check(ChanBlockingLincheckTest.Cap2.class, 2000);
    }
}
