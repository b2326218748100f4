package go4j.time;

import go4j.Chan;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivers ticks at intervals (Go's {@code time.Ticker}), made by {@link Time#newTicker}. A
 * reader too slow for the ticks misses some: the channel holds at most one tick, and the ticks
 * that find it full are dropped. After {@link #stop()} or {@link #reset(Duration)} returns, no
 * tick from before the call is received (Go 1.23).
 */
public final class Ticker {
    private final Timers timers;
    private final RuntimeTimer t;

    Ticker(Timers timers, RuntimeTimer t) {
        this.timers = timers;
        this.t = t;
    }

    /** The channel on which the ticks are delivered (Go's C). Only receive from it. */
    public Chan<Instant> c() {
        return t.c;
    }

    /** Turns off the ticker: no more ticks are sent, and a tick not yet received is discarded. */
    public void stop() {
        timers.stop(t);
    }

    /**
     * Stops the ticker and resets its period to {@code d}; the next tick arrives after {@code d}.
     *
     * @throws IllegalArgumentException "non-positive interval for Ticker.Reset"
     */
    public void reset(Duration d) {
        long period = Time.nanos(d);
        if (period <= 0) throw new IllegalArgumentException("non-positive interval for Ticker.Reset");
        timers.reset(t, timers.deadline(period), period);
    }
}
