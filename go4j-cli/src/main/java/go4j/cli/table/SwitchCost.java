package go4j.cli.table;

import java.util.concurrent.locks.LockSupport;

/**
 * Context switch: a park/unpark ping-pong between two threads of one flavor, in nanoseconds per
 * round trip (two switches). Ping hands the turn to pong and parks until it comes back; pong does
 * the same in reverse. Plain {@link LockSupport} parking, which every flavor supports.
 */
public final class SwitchCost implements Aspect {
    @Override public String name() { return "Context switch"; }
    @Override public String claimOs() { return "~1-10 us (kernel)"; }
    @Override public String claimGoroutine() { return "~0.1 us (user-space)"; }

    @Override
    public Row measure(Settings s) {
        int osTrips = s.n(20_000, 100);
        int vtTrips = s.n(200_000, 1_000);
        return Row.measured(this, cell(Flavor.OS_THREAD, osTrips, s), cell(Flavor.JDK_VIRTUAL, vtTrips, s),
                cell(Flavor.GO4J, vtTrips, s),
                String.format("park/unpark ping-pong, per round trip (2 switches); %,d round trips "
                        + "for OS threads, %,d for the others", osTrips, vtTrips));
    }

    private static Measurement cell(Flavor f, int trips, Settings s) {
        double ns = f.call(() -> pingPong(f, trips, s));
        return Measurement.of(Measurement.nanos(ns) + " round trip", "nsPerRoundTrip", ns);
    }

    /** The shared state of one ping-pong pair. */
    private static final class Pair {
        /** 1: pong's turn, 0: ping's turn. Written by the side handing the turn over. */
        volatile int turn;
        /** Set by ping, before handing pong its last turn. */
        volatile boolean stop;
        /** Written once by pong when it starts. */
        volatile Thread pong;
    }

    /** Runs in ping (a thread of flavor {@code f}); starts pong and measures the rounds. */
    private static double pingPong(Flavor f, int trips, Settings s) {
        Pair p = new Pair();
        Thread ping = Thread.currentThread();
        f.start(() -> {
            p.pong = Thread.currentThread();
            LockSupport.unpark(ping);
            while (true) {
                while (p.turn != 1) LockSupport.park(p);
                if (p.stop) return;
                p.turn = 0;
                LockSupport.unpark(ping);
            }
        });
        while (p.pong == null) LockSupport.park(p);
        Thread pong = p.pong;
        try {
            return Rounds.median(s, () -> {
                long t0 = System.nanoTime();
                for (int i = 0; i < trips; i++) {
                    p.turn = 1;
                    LockSupport.unpark(pong);
                    while (p.turn != 0) LockSupport.park(p);
                }
                return (double) (System.nanoTime() - t0) / trips;
            });
        } finally {
            p.stop = true; // before the turn: pong reads turn, then stop
            p.turn = 1;
            LockSupport.unpark(pong);
        }
    }
}
