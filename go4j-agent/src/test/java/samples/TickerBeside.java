package samples;

import go4j.Go;
import go4j.sync.WaitGroup;
import java.util.function.IntToLongFunction;

/**
 * The harness of {@link TightLoops} and {@link TightCountedLoops}: with GOMAXPROCS=1, a 10 ms
 * ticker beside two goroutines running {@code loop} (given 0 and 1, returning its count), which
 * may end only once the ticker has ticked 30 times ({@link #ticks}). Prints both counts and the
 * ticker's largest gap.
 */
final class TickerBeside {
    private TickerBeside() {}

    static volatile int ticks;
    static volatile long maxGapNs;

    static void run(IntToLongFunction loop) {
        Go.gomaxprocs(1);
        WaitGroup wg = new WaitGroup();
        wg.go(() -> {
            long last = System.nanoTime();
            while (ticks < 30) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                if (ticks > 0) maxGapNs = Math.max(maxGapNs, now - last);
                last = now;
                ticks++;
            }
        });
        long[] counts = new long[2];
        for (int i = 0; i < 2; i++) {
            int id = i;
            wg.go(() -> counts[id] = loop.applyAsLong(id));
        }
        wg.await();
        System.out.printf("done: loops counted %d and %d; largest ticker gap %.1f ms%n",
                counts[0], counts[1], maxGapNs / 1e6);
    }
}
