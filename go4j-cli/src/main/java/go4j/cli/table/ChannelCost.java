package go4j.cli.table;

import go4j.Chan;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * Channel: an unbuffered round trip (ping sends, pong receives and sends back) in nanoseconds,
 * and the throughput of a buffered channel (capacity 128) between one producer and one consumer
 * in operations per second. go4j goroutines use {@link Chan}; OS threads and JDK virtual threads
 * use the JDK's own equivalents, {@code SynchronousQueue} and {@code ArrayBlockingQueue}.
 */
public final class ChannelCost implements Aspect {
    /** The buffered channel's capacity. */
    static final int CAPACITY = 128;

    private static final Integer BALL = 1;
    /** Sent once after the last round: pong stops (the warm-up's length is the JIT's, not fixed). */
    private static final Integer STOP = 0;

    @Override public String name() { return "Channel"; }
    @Override public String claimOs() { return "-"; }
    @Override public String claimGoroutine() { return "-"; }

    @Override
    public Row measure(Settings s) {
        int osTrips = s.n(20_000, 100), trips = s.n(100_000, 500);
        int osItems = s.n(200_000, 1_000), items = s.n(1_000_000, 2_000);
        return Row.measured(this, cell(Flavor.OS_THREAD, osTrips, osItems, s), cell(Flavor.JDK_VIRTUAL, trips, items, s),
                cell(Flavor.GO4J, trips, items, s),
                String.format("unbuffered round trip (%,d per round; %,d for OS threads) and one producer to one "
                        + "consumer through a buffer of %d (%,d values per round; %,d for OS threads); go4j.Chan "
                        + "for goroutines, SynchronousQueue / ArrayBlockingQueue for the others", trips, osTrips,
                        CAPACITY, items, osItems));
    }

    private static Measurement cell(Flavor f, int trips, int items, Settings s) {
        boolean go4j = f == Flavor.GO4J;
        double ns = f.call(() -> roundTrip(f, trips, s,
                go4j ? Conduit.of(Chan.make()) : Conduit.of(new SynchronousQueue<>()),
                go4j ? Conduit.of(Chan.make()) : Conduit.of(new SynchronousQueue<>())));
        double opsPerSec = f.call(() -> Rounds.median(s, () -> throughput(f, items,
                go4j ? Conduit.of(Chan.make(CAPACITY)) : Conduit.of(new ArrayBlockingQueue<>(CAPACITY)))));
        return Measurement.builder().value("nsPerRoundTrip", ns).value("bufferedOpsPerSecond", opsPerSec)
                .text(String.format("%s round trip; buffered %s ops/s", Measurement.nanos(ns), rate(opsPerSec)));
    }

    /** Runs in ping (a thread of {@code f}); pong echoes every value until {@link #STOP}; the median ns per round trip. */
    private static double roundTrip(Flavor f, int trips, Settings s, Conduit<Integer> there, Conduit<Integer> back) {
        f.start(() -> {
            for (Integer v; (v = there.recv()) != STOP; ) back.send(v);
        });
        try {
            return Rounds.median(s, () -> {
                long t0 = System.nanoTime();
                for (int i = 0; i < trips; i++) {
                    there.send(BALL);
                    back.recv();
                }
                return (double) (System.nanoTime() - t0) / trips;
            });
        } finally {
            there.send(STOP);
        }
    }

    /** Runs in the consumer (a thread of {@code f}); a new producer of {@code f} sends {@code items} values. */
    private static double throughput(Flavor f, int items, Conduit<Integer> buffered) {
        long t0 = System.nanoTime();
        f.start(() -> {
            for (int i = 0; i < items; i++) buffered.send(BALL);
        });
        for (int i = 0; i < items; i++) buffered.recv();
        return items / ((System.nanoTime() - t0) / 1e9);
    }

    /** Operations per second for humans: {@code 850 k}, {@code 12.3 M}. */
    static String rate(double perSecond) {
        if (perSecond >= 1e6) return String.format("%.1f M", perSecond / 1e6);
        if (perSecond >= 1e3) return String.format("%.0f k", perSecond / 1e3);
        return String.format("%.0f", perSecond);
    }
}
