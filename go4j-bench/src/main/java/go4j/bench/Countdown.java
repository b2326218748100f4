package go4j.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A one-shot countdown with a single waiter, on plain parking: the cheapest join the JDK offers
 * to any kind of thread. The waiter is the thread that created it.
 */
final class Countdown {
    /** Counts still expected; decremented by any thread. */
    private final AtomicInteger remaining;
    /** The creating thread, the only one that may {@link #await()}. */
    private final Thread waiter = Thread.currentThread();

    Countdown(int count) { remaining = new AtomicInteger(count); }

    /** Counts one down; the last one wakes the waiter. */
    void done() {
        if (remaining.decrementAndGet() == 0) LockSupport.unpark(waiter);
    }

    /** Parks the creating thread until the count reaches zero. */
    void await() {
        while (remaining.get() > 0) LockSupport.park(this);
    }
}
