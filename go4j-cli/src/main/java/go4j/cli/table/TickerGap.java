package go4j.cli.table;

import go4j.Go;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a blocked or busy thread keeps the others waiting: a ticker thread sleeps
 * {@value #TICK_MS} ms in a loop and records the largest interval between two of its wake-ups
 * while other threads of the same flavor block ({@link Blocker#IO}: a native {@code usleep}) or
 * compute ({@link Blocker#CPU}: two busy loops). With a scheduler that copes, the gap stays near
 * the tick; one that does not lets it grow to the length of the block.
 *
 * <p>Also a program, so the table can measure a JVM started with other flags (the JDK default
 * scheduler's parallelism is fixed at JVM start) and {@code bench/compare} can print go4j's
 * figures beside Go's: {@code TickerGap <osThread|jdkVirtual|go4j> <io|cpu|all> [blockMs]
 * [rounds]} prints {@code blockingIoGapMs <ms>} and/or {@code blockingCpuGapMs <ms>}, the median
 * of the rounds, with GOMAXPROCS set to 1 for go4j. The names are those of the Go twin,
 * {@code go4j-bench/go/blocking}.
 */
public final class TickerGap {
    private TickerGap() {}

    /** The ticker's sleep, as in the Go twin. */
    static final int TICK_MS = 10;
    /** Ticks the ticker runs alone before the blockers start, so it is settled. */
    private static final int SETTLE_TICKS = 4;

    /** What the other threads do while the ticker ticks. */
    public enum Blocker {
        /** One thread in a native call ({@code usleep}) for the whole block. */
        IO("blockingIoGapMs"),
        /** Two threads in CPU-bound loops for the whole block; each iteration passes a preemption point. */
        CPU("blockingCpuGapMs");

        /** The name of the printed figure. */
        final String metric;

        Blocker(String metric) { this.metric = metric; }
    }

    /** Written by the busy loops so their work stays; never read for meaning. */
    private static volatile long sink;

    /**
     * The largest gap, in ms, between wake-ups of a ticker of flavor {@code f} while blockers of
     * the same flavor do {@code b} for {@code blockMs}. The caller only waits (on latches): it may
     * be any thread, and takes no processor from the measured ones.
     */
    static double largestGapMs(Flavor f, Blocker b, int blockMs) {
        AtomicLong largest = new AtomicLong();
        CountDownLatch settled = new CountDownLatch(1), tickerDone = new CountDownLatch(1);
        int blockers = b == Blocker.IO ? 1 : 2;
        CountDownLatch blockersDone = new CountDownLatch(blockers);
        f.start(() -> {
            long last = System.nanoTime();
            for (int i = 0; blockersDone.getCount() > 0 || i < SETTLE_TICKS; i++) {
                LockSupport.parkNanos(TICK_MS * 1_000_000L);
                long now = System.nanoTime();
                largest.accumulateAndGet(now - last, Math::max);
                last = now;
                if (i == SETTLE_TICKS - 1) settled.countDown();
            }
            tickerDone.countDown();
        });
        Uninterruptibly.await(settled);
        largest.set(0); // gaps of the ticker alone (its start-up) are not the blockers' doing
        for (int i = 0; i < blockers; i++) {
            f.start(() -> {
                if (b == Blocker.IO) NativeSleep.sleep(blockMs);
                else busy(f, blockMs);
                blockersDone.countDown();
            });
        }
        Uninterruptibly.await(blockersDone);
        Uninterruptibly.await(tickerDone);
        return largest.get() / 1e6;
    }

    /** Computes for {@code ms}, passing {@link Flavor#checkpoint()} (go4j's preemption point) every iteration. */
    private static void busy(Flavor f, int ms) {
        long end = System.nanoTime() + ms * 1_000_000L;
        long x = 0x9E3779B97F4A7C15L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            f.checkpoint();
        }
        sink = x;
    }

    /** The median of {@code rounds} gaps, measured with GOMAXPROCS 1 for go4j (restored after). */
    static double medianGapMs(Flavor f, Blocker b, int blockMs, int rounds) {
        if (b == Blocker.IO) NativeSleep.sleep(1); // links the downcall now, not inside the first measured block
        int previous = f == Flavor.GO4J ? Go.gomaxprocs(1) : 0;
        try {
            double[] gaps = new double[rounds];
            for (int r = 0; r < rounds; r++) gaps[r] = largestGapMs(f, b, blockMs);
            return Rounds.median(gaps);
        } finally {
            if (f == Flavor.GO4J) Go.gomaxprocs(previous);
        }
    }

    /** {@code TickerGap <osThread|jdkVirtual|go4j> <io|cpu|all> [blockMs] [rounds]}: see the class comment. */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: TickerGap <osThread|jdkVirtual|go4j> <io|cpu|all> [blockMs] [rounds]");
            System.exit(2);
        }
        Flavor f = Arrays.stream(Flavor.values()).filter(v -> v.key().equals(args[0])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown flavor " + args[0]));
        Blocker[] blockers = args[1].equals("all") ? Blocker.values() : new Blocker[] {Blocker.valueOf(args[1].toUpperCase())};
        int blockMs = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        for (Blocker b : blockers) {
            System.out.printf("%s %.1f%n", b.metric, medianGapMs(f, b, blockMs, rounds));
        }
        System.out.flush();
        System.exit(0); // go4j's carriers and sysmon are not daemons everywhere: do not wait for them
    }
}
