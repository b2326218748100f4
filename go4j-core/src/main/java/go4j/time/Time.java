package go4j.time;

import go4j.Chan;
import go4j.runtime.Bubble;
import go4j.runtime.Sudog;
import go4j.runtime.WaitReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Go's {@code time} package functions for goroutines: {@link #sleep}, {@link #after},
 * {@link #tick}, {@link #newTimer}, {@link #newTicker}, {@link #afterFunc}.
 *
 * <p>Timers live in one heap driven by the daemon platform thread "go4j-timers", which parks
 * until the next deadline; a pending timer costs a heap slot and its channel, and a stopped one
 * is removed at once. Channels carry the {@link Instant} at which the timer fired. Durations are
 * measured on the monotonic clock ({@link System#nanoTime()}); durations too long for a
 * {@code long} of nanoseconds mean "never".
 *
 * <p>In a synctest bubble ({@code go4j.synctest.Synctest}) everything here runs on the bubble's
 * fake clock: {@link #now()} starts at 2000-01-01T00:00:00Z and moves only when every goroutine
 * of the bubble is durably blocked, straight to the next timer.
 */
public final class Time {
    private Time() {}

    /** The blocker {@link #sleep} parks with: Go's wait reason. */
    private static final Object SLEEP = new Object() {
        @Override public String toString() { return "sleep"; }
    };

    /**
     * Pauses the current goroutine for at least {@code d}; a non-positive {@code d} returns at
     * once. A goroutine unmounts from its carrier while it sleeps. An interrupt ends the sleep
     * early and the interrupt status is kept (set on return); no exception is thrown. In a
     * synctest bubble the sleep is on the bubble's clock, and an interrupt does not end it (the
     * status is kept): only the bubble's clock can.
     */
    public static void sleep(Duration d) {
        long nanos = nanos(d);
        if (nanos <= 0) return;
        Bubble b = Bubble.ofCaller();
        if (b != null) {
            sleepInBubble(b, nanos);
            return;
        }
        long start = System.nanoTime();
        Thread self = Thread.currentThread();
        // Elapsed time is a difference, which cannot overflow the way start + nanos could.
        go4j.runtime.Park.waiting(WaitReason.SLEEP, null); // a timed wait: never part of a deadlock
        for (long left = nanos; left > 0 && !self.isInterrupted(); left = nanos - (System.nanoTime() - start)) {
            LockSupport.parkNanos(SLEEP, left);
        }
        go4j.runtime.Park.running();
    }

    /**
     * Sleep on a bubble's clock: a timer that wakes the sleeper from the firing thread. The wait is
     * durable (only the bubble's clock ends it) and its wake is counted by the firer, so an
     * interrupt, which nobody would count, does not end it: the status is kept, as by a channel
     * wait.
     */
    private static void sleepInBubble(Bubble b, long nanos) {
        Sudog sg = new Sudog(WaitReason.SLEEP, null, true); // the firer readies it, and counts the wake
        Timers timers = Timers.of(b);
        RuntimeTimer t = new RuntimeTimer(null, sg::ready, true);
        timers.start(t, timers.deadline(nanos), 0);
        sg.await(null);
    }

    /**
     * The current time (Go's {@code time.Now}): the real clock, or in a synctest bubble the
     * bubble's, which starts at 2000-01-01T00:00:00Z.
     */
    public static Instant now() {
        Bubble b = Bubble.ofCaller();
        return b == null ? Instant.now() : b.instant();
    }

    /** The time elapsed since {@code t} (Go's {@code time.Since}), on the clock of {@link #now()}. */
    public static Duration since(Instant t) {
        return Duration.between(Objects.requireNonNull(t, "t"), now());
    }

    /** Waits for {@code d} to elapse and then sends the current time on the returned channel. */
    public static Chan<Instant> after(Duration d) {
        return newTimer(d).c();
    }

    /**
     * A channel that delivers ticks every {@code d} (Go's Tick), or {@code null} (Go's nil
     * channel, never ready) if {@code d} is not positive. The ticker cannot be stopped; use
     * {@link #newTicker} for one that can.
     */
    public static Chan<Instant> tick(Duration d) {
        if (nanos(d) <= 0) return null;
        return newTicker(d).c();
    }

    /** A timer that sends the current time on its channel after at least {@code d}. */
    public static Timer newTimer(Duration d) {
        return newTimer(Timers.current(), d);
    }

    static Timer newTimer(Timers timers, Duration d) {
        RuntimeTimer t = new RuntimeTimer(Chan.make(1), null);
        timers.start(t, timers.deadline(nanos(d)), 0);
        return new Timer(timers, t);
    }

    /**
     * A ticker that sends the current time on its channel every {@code d}, the first time after
     * {@code d}.
     *
     * @throws IllegalArgumentException "non-positive interval for NewTicker"
     */
    public static Ticker newTicker(Duration d) {
        return newTicker(Timers.current(), d);
    }

    static Ticker newTicker(Timers timers, Duration d) {
        long period = nanos(d);
        if (period <= 0) throw new IllegalArgumentException("non-positive interval for NewTicker");
        RuntimeTimer t = new RuntimeTimer(Chan.make(1), null);
        timers.start(t, timers.deadline(period), period);
        return new Ticker(timers, t);
    }

    /**
     * Waits for {@code d} to elapse and then runs {@code f} in its own goroutine. The returned
     * timer's {@link Timer#stop()} cancels the call if it has not started; its {@link Timer#c()}
     * is {@code null}.
     */
    public static Timer afterFunc(Duration d, Runnable f) {
        return afterFunc(Timers.current(), d, f);
    }

    static Timer afterFunc(Timers timers, Duration d, Runnable f) {
        Objects.requireNonNull(f, "f");
        RuntimeTimer t = new RuntimeTimer(null, f);
        timers.start(t, timers.deadline(nanos(d)), 0);
        return new Timer(timers, t);
    }

    /** {@code d} in nanoseconds, saturating at {@code Long.MAX_VALUE} / {@code MIN_VALUE}. */
    static long nanos(Duration d) {
        Objects.requireNonNull(d, "d");
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
