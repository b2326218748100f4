package samples;

/**
 * {@link TightLoops} with counted loops, the kind the agent strip-mines: each goroutine runs one
 * {@code for (int i = 0; i < n; i++)} of xorshift steps that only the ticker's count can end, so
 * with GOMAXPROCS=1 the program ends only if the once-per-chunk checkpoint lets the ticker run.
 */
public final class TightCountedLoops {
    static volatile long sink;

    /** Counts up to n or until the ticker has ticked 30 times; straight-line body, no call. */
    static long spin(int n, long x) {
        int i;
        for (i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            if (TickerBeside.ticks >= 30) break;
        }
        sink = x;
        return i;
    }

    public static void main(String[] args) {
        TickerBeside.run(id -> spin(Integer.MAX_VALUE, 0x9E3779B97F4A7C15L + id));
    }
}
