package go4j.time;

import go4j.Go;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The pending timers and the daemon platform thread that fires them ("go4j-timers").
 *
 * <h2>Protocol</h2>
 * <ol>
 * <li>Every entry's fields and the heap are guarded by {@link #lock} (held briefly, never while
 *     parking, never while running user code).</li>
 * <li>The thread takes the lock, fires every entry whose deadline has passed (in deadline order),
 *     notes the next deadline, unlocks, starts the function timers' goroutines, then parks until
 *     that deadline ({@code parkNanos}), or indefinitely when the heap is empty. No polling.</li>
 * <li>Scheduling an entry that becomes the heap's head unparks the thread, so it re-computes its
 *     deadline. An unpark that arrives before the thread parks leaves the permit set, so the
 *     park returns at once: no lost wake-up.</li>
 * <li>A channel timer fires by {@code trySend} of the current time into its capacity-1 channel
 *     under the lock; a ticker whose reader is slow drops the tick, as in Go. Because stop and
 *     reset also hold the lock and drain the channel, no value from before a stop or reset is
 *     received after it returns (Go 1.23's guarantee).</li>
 * </ol>
 *
 * <p>One global instance serves {@link Time}; tests make their own, with a fake clock.
 * A single lock and heap is simple and enough for now; Go shards timers per P.
 */
final class Timers {
    /** The instance behind {@link Time}. */
    static Timers global() {
        return Global.INSTANCE;
    }

    private static final class Global {
        static final Timers INSTANCE = onRealTime();
        static {
            go4j.runtime.Park.timers(INSTANCE::heapSize); // pending timers mean the program is not dead
        }
    }

    /** A new instance on the monotonic clock, shifted so it starts positive (no overflow). */
    static Timers onRealTime() {
        long origin = System.nanoTime() - 1;
        return new Timers(() -> System.nanoTime() - origin, true);
    }

    /** The blocker the timer thread parks with (what a dump shows for it). */
    private static final Object TIMER_WAIT = new Object() {
        @Override public String toString() { return "timer goroutine (idle)"; }
    };

    /** Guards {@link #heap}, {@link #seq} and every entry's fields. */
    private final ReentrantLock lock = new ReentrantLock();
    private final TimerHeap heap = new TimerHeap();
    /** Scheduling order, the tie-breaker for equal deadlines. Guarded by lock. */
    private long seq;
    /** Nanoseconds, monotonic, positive. */
    private final LongSupplier nanoClock;
    /**
     * Whether {@link #nanoClock} follows real time. A test's fake clock does not: the thread then
     * parks until {@link #kick()}ed instead of for the (fake) time to the next deadline.
     */
    private final boolean realTime;
    private final Thread thread;
    /** Set by {@link #shutdown()} (tests only). */
    private volatile boolean shutdown;

    Timers(LongSupplier nanoClock, boolean realTime) {
        this.nanoClock = nanoClock;
        this.realTime = realTime;
        this.thread = Thread.ofPlatform().daemon().name("go4j-timers").unstarted(this::run);
        thread.start();
    }

    long now() {
        return nanoClock.getAsLong();
    }

    /** The deadline {@code nanos} from now, saturating; a non-positive delay means now. */
    long deadline(long nanos) {
        long now = now();
        if (nanos <= 0) return now;
        long when = now + nanos;
        return when < 0 ? Long.MAX_VALUE : when; // overflow: as good as never
    }

    /** Schedules {@code t} (not in the heap) to fire at {@code when}, then every {@code period}. */
    void start(RuntimeTimer t, long when, long period) {
        lock.lock();
        try {
            add(t, when, period);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Unschedules {@code t} and drains its channel.
     *
     * @return whether it was pending: still in the heap, or fired with its value not yet received
     */
    boolean stop(RuntimeTimer t) {
        lock.lock();
        try {
            return unschedule(t);
        } finally {
            lock.unlock();
        }
    }

    /** Stops {@code t} as {@link #stop} does, then schedules it anew; returns what stop would. */
    boolean reset(RuntimeTimer t, long when, long period) {
        lock.lock();
        try {
            boolean pending = unschedule(t);
            add(t, when, period);
            return pending;
        } finally {
            lock.unlock();
        }
    }

    private boolean unschedule(RuntimeTimer t) {
        boolean pending = t.index >= 0;
        if (pending) heap.remove(t);
        // A value sent but not received counts as not yet delivered: take it back.
        if (t.c != null && t.c.tryRecv() != null) pending = true;
        return pending;
    }

    private void add(RuntimeTimer t, long when, long period) {
        schedule(t, when, period);
        if (t.index == 0) LockSupport.unpark(thread); // new earliest deadline
    }

    private void schedule(RuntimeTimer t, long when, long period) {
        t.when = when;
        t.period = period;
        t.seq = seq++;
        heap.add(t);
    }

    /** The timer thread's loop. */
    private void run() {
        while (!shutdown) {
            Runnable[] toStart = null; // functions of fired AfterFunc timers, started after unlocking
            int nStart = 0;
            long wait; // nanoseconds to park; < 0: until unparked
            lock.lock();
            try {
                long now = now();
                RuntimeTimer t;
                while ((t = heap.peek()) != null && t.when <= now) {
                    heap.remove(t);
                    if (t.period > 0) {
                        // Next tick: skip the ticks already missed, as Go does.
                        long next = t.when + t.period * (1 + (now - t.when) / t.period);
                        schedule(t, next < 0 ? Long.MAX_VALUE : next, t.period);
                    }
                    if (t.c != null) {
                        fireChan(t);
                    } else {
                        if (toStart == null) toStart = new Runnable[4];
                        else if (nStart == toStart.length) toStart = Arrays.copyOf(toStart, nStart * 2);
                        toStart[nStart++] = t.f;
                    }
                }
                t = heap.peek();
                wait = t == null ? -1 : Math.max(1, t.when - now);
            } finally {
                lock.unlock();
            }
            for (int i = 0; i < nStart; i++) startFunc(toStart[i]);
            if (wait < 0 || !realTime) LockSupport.park(TIMER_WAIT);
            else LockSupport.parkNanos(TIMER_WAIT, wait);
        }
    }

    private static void fireChan(RuntimeTimer t) {
        try {
            t.c.trySend(Instant.now()); // full: a slow ticker reader; the tick is dropped
        } catch (RuntimeException e) {
            // The user closed the channel (Go's C is receive-only, so Go cannot get here): drop.
        }
    }

    private static void startFunc(Runnable f) {
        try {
            Go.go(f);
        } catch (Throwable e) {
            // The timer thread must survive whatever starting a goroutine throws.
            System.err.println("go4j-timers: could not start an AfterFunc goroutine: " + e);
        }
    }

    /** Pending entries (also a test hook). */
    int heapSize() {
        lock.lock();
        try {
            return heap.size();
        } finally {
            lock.unlock();
        }
    }

    /** Test hook: the heap's array length. */
    int heapCapacity() {
        lock.lock();
        try {
            return heap.capacity();
        } finally {
            lock.unlock();
        }
    }

    /** Test hook: checks the heap's invariants. */
    void checkInvariants() {
        lock.lock();
        try {
            heap.checkInvariants();
        } finally {
            lock.unlock();
        }
    }

    /** Test hook: wakes the thread so it re-reads a fake clock that was moved. */
    void kick() {
        LockSupport.unpark(thread);
    }

    /** Test hook: ends the thread of a test's own instance. */
    void shutdown() {
        shutdown = true;
        LockSupport.unpark(thread);
    }
}
