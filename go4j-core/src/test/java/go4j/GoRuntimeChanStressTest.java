package go4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Go's channel tests at the sizes Go runs without {@code -short} (run with {@code -Pstress}). */
@Timeout(600)
class GoRuntimeChanStressTest {

    /** TestChan at full size: every capacity 0..199, GOMAXPROCS 4. */
    @Test
    void testChan() {
        int previous = Go.gomaxprocs(4);
        try {
            for (int chanCap = 0; chanCap < 200; chanCap++) GoRuntimeChanTest.testChanAt(chanCap);
        } finally {
            Go.gomaxprocs(previous);
        }
    }

    /** TestSelectStress repeated under GOMAXPROCS 1, 2, 4 and 10. */
    @Test
    void testSelectStress() {
        for (int procs : new int[] {1, 2, 4, 10}) {
            int previous = Go.gomaxprocs(procs);
            try {
                @SuppressWarnings({"unchecked", "rawtypes"}) Chan<Integer>[] c = new Chan[] {
                        Chan.make(), Chan.make(), Chan.make(2), Chan.make(3)};
                GoRuntimeChanTest.selectStress(c, 100_000);
            } finally {
                Go.gomaxprocs(previous);
            }
        }
    }
}
