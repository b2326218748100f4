package go4j.time;

import go4j.Chan;
import java.time.Duration;
import java.time.Instant;

/**
 * A single event in the future (Go's {@code time.Timer}): made by {@link Time#newTimer}, it
 * sends the current time on {@link #c()} when it expires; made by {@link Time#afterFunc}, it runs
 * a function in its own goroutine instead.
 *
 * <h2>Go 1.23 semantics</h2>
 * The channel behaves as if unbuffered: internally it holds at most one value, but
 * {@link #stop()} and {@link #reset(Duration)} take back a value that was sent and not yet
 * received, so after either returns no stale value is received (a receive waits for the next
 * expiry). A value sent and not received counts as not yet delivered: {@code stop} then returns
 * true. Differences from Go: {@code c().cap()} is 1 and {@code c().len()} may be 1 (Go reports
 * 0 for both), and a timer that is neither stopped nor expired stays reachable from the timer
 * heap until it expires (Go 1.23 can collect it sooner).
 */
public final class Timer {
    private final Timers timers;
    private final RuntimeTimer t;

    Timer(Timers timers, RuntimeTimer t) {
        this.timers = timers;
        this.t = t;
    }

    /**
     * The channel on which the time is delivered (Go's C); {@code null} for a timer made by
     * {@link Time#afterFunc}. Only receive from it.
     */
    public Chan<Instant> c() {
        return t.c;
    }

    /**
     * Prevents the timer from firing.
     *
     * @return true if the call stopped the timer (it had not fired, or had fired and its value
     *     was not received, which stop takes back); false if it had already expired or been
     *     stopped. For an AfterFunc timer, false means the function has been started.
     */
    public boolean stop() {
        return timers.stop(t);
    }

    /**
     * Changes the timer to expire after {@code d} (a non-positive {@code d}: at once), discarding
     * any value not yet received.
     *
     * @return true if the timer had been active (as {@link #stop()} counts it)
     */
    public boolean reset(Duration d) {
        return timers.reset(t, timers.deadline(Time.nanos(d)), 0);
    }
}
