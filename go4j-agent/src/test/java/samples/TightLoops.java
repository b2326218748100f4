package samples;

import go4j.Go;
import go4j.sync.WaitGroup;

/**
 * Two goroutines in tight counting loops (no calls, no allocation) beside a 10 ms ticker, with
 * GOMAXPROCS=1. Only preemption lets the ticker run; only the ticker can end the loops. Prints the
 * ticker's largest gap.
 */
public final class TightLoops {
    static volatile int ticks;
    static volatile long maxGapNs;

    public static void main(String[] args) {
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
            wg.go(() -> {
                long n = 0;
                while (ticks < 30) n++;
                counts[id] = n;
            });
        }
        wg.await();
        System.out.printf("done: loops counted %d and %d; largest ticker gap %.1f ms%n",
                counts[0], counts[1], maxGapNs / 1e6);
    }
}
