package go4j;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * GOMAXPROCS changed at random while every kind of wake-up happens (see {@link GomaxprocsChaos});
 * a small size here, the long one in {@code GomaxprocsChaosStressTest}. Before the fixes it
 * guards, an M woken spinning with a P that a shrink retired parked still counted as spinning,
 * and a goroutine blocked on the scheduler's monitor could leave Ms waiting behind it: both lost
 * every later wake-up from outside the scheduler.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GomaxprocsChaosTest {
    @Test
    void everyValueSleepAndTimerArrivesWhileGomaxprocsChangesAtRandom() {
        for (int round = 0; round < 3; round++) GomaxprocsChaos.run(round, 20_000, 200);
    }

    /** The reproduction this started from: grow for channel traffic, shrink to 1 from a goroutine, then sleep. */
    @Test
    void sleepsAndExternalWakeUpsReturnAfterShrinkingFromAGoroutine() {
        int previous = Go.gomaxprocs(1);
        try {
            Go.run(() -> {
                for (int r = 0; r < 20; r++) {
                    int prev = Go.gomaxprocs(10);
                    Chan<Integer> c = Chan.make();
                    go4j.sync.WaitGroup wg = new go4j.sync.WaitGroup();
                    for (int k = 0; k < 4; k++) {
                        wg.go(() -> { for (int i = 0; i < 5000; i++) c.send(i); });
                        wg.go(() -> { for (int i = 0; i < 5000; i++) c.recv(); });
                    }
                    wg.await();
                    Go.gomaxprocs(prev);
                    for (int i = 0; i < 3; i++) go4j.time.Time.sleep(java.time.Duration.ofMillis(1));
                    Chan<Integer> d = Chan.make();
                    Thread.ofPlatform().start(() -> d.send(1)); // a wake-up from outside the scheduler
                    d.recv();
                }
            });
        } finally {
            Go.gomaxprocs(previous);
        }
    }
}
