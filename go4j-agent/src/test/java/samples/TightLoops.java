package samples;

/**
 * Two goroutines in tight counting loops (no calls, no allocation) beside a 10 ms ticker, with
 * GOMAXPROCS=1. Only preemption lets the ticker run; only the ticker can end the loops. Prints the
 * ticker's largest gap.
 */
public final class TightLoops {
    public static void main(String[] args) {
        TickerBeside.run(id -> {
            long n = 0;
            while (TickerBeside.ticks < 30) n++;
            return n;
        });
    }
}
