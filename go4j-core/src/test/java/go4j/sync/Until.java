package go4j.sync;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Test helper: waits for a condition another goroutine will make true (a goroutine reached a
 * park). It yields between checks; the test's @Timeout bounds it. Not a sleep: no duration.
 */
final class Until {
    private Until() {}

    static void until(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) Thread.yield();
    }

    /** Waits until {@code t} is parked with a blocker and returns the blocker's text. */
    static String blockerOf(Thread t) {
        until(() -> LockSupport.getBlocker(t) != null);
        return String.valueOf(LockSupport.getBlocker(t));
    }
}
