package samples;

import go4j.Go;
import go4j.sync.WaitGroup;

/**
 * {@link TightLoops} with counted loops, the kind the agent strip-mines: each goroutine runs one
 * {@code for (int i = 0; i < n; i++)} of xorshift steps that only the ticker's count can end, so
 * with GOMAXPROCS=1 the program ends only if the once-per-chunk checkpoint lets the ticker run.
 */
public final class TightCountedLoops {
    static volatile int ticks;
    static volatile long maxGapNs;
    static volatile long sink;

    /** Counts up to n or until the ticker has ticked 30 times; straight-line body, no call. */
    static long spin(int n, long x) {
        int i;
        for (i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            if (ticks >= 30) break;
        }
        sink = x;
        return i;
    }

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
            wg.go(() -> counts[id] = spin(Integer.MAX_VALUE, 0x9E3779B97F4A7C15L + id));
        }
        wg.await();
        System.out.printf("done: loops counted %d and %d; largest ticker gap %.1f ms%n",
                counts[0], counts[1], maxGapNs / 1e6);
    }
}
