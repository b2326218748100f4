package go4j.time;

import go4j.Chan;
import java.time.Instant;

/**
 * One entry of the timer heap: what {@link Timer}, {@link Ticker} and {@link Time#afterFunc}
 * schedule (Go's runtime {@code timer}). It either sends the current time on its channel or
 * starts its function in a new goroutine.
 *
 * <p>Every mutable field is owned by the {@link Timers} instance the entry belongs to and is
 * read and written only under that instance's lock. {@code index >= 0} exactly when the entry is
 * in the heap, at that index.
 */
final class RuntimeTimer {
    /** Where fired values go (capacity 1); null for a function timer. Immutable. */
    final Chan<Instant> c;
    /** Run in a new goroutine when fired; null for a channel timer. Immutable. */
    final Runnable f;
    /** Run {@link #f} on the firing thread instead (a sleep in a synctest bubble: it only wakes the sleeper). Immutable. */
    final boolean inline;
    /** Deadline in the owning Timers' clock (nanoseconds). Guarded by Timers.lock. */
    long when;
    /** Period for a ticker, 0 for a one-shot timer. Guarded by Timers.lock. */
    long period;
    /** Tie-breaker: entries with equal deadlines fire in the order they were scheduled. Guarded. */
    long seq;
    /** Position in the heap, or -1 when not in it. Guarded by Timers.lock. */
    int index = -1;

    RuntimeTimer(Chan<Instant> c, Runnable f) {
        this(c, f, false);
    }

    RuntimeTimer(Chan<Instant> c, Runnable f, boolean inline) {
        this.c = c;
        this.f = f;
        this.inline = inline;
    }

    /** Heap order: earlier deadline first, then earlier scheduled. */
    boolean before(RuntimeTimer o) {
        return when < o.when || (when == o.when && seq < o.seq);
    }
}
