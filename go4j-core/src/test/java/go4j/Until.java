package go4j;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Test support, the one wait for a condition another goroutine or thread will make true (a
 * goroutine reached a park, a timer fired). It yields between checks; the test's @Timeout bounds
 * it. Not a sleep: no duration.
 */
public final class Until {
    private Until() {}

    public static void until(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) Thread.yield();
    }

    /** Waits until {@code t} is parked with a blocker and returns the blocker's text. */
    public static String blockerOf(Thread t) {
        until(() -> LockSupport.getBlocker(t) != null);
        return String.valueOf(LockSupport.getBlocker(t));
    }
}
