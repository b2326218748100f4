package go4j.time;

import go4j.Go;
import go4j.runtime.Bubble;
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
 *
 * <p>A synctest bubble has an instance of its own ({@link #current()}): on the bubble's clock,
 * with no thread. The bubble's root fires it ({@link #fireDue()}) when the bubble is idle, and a
 * timer started already due fires at once, in the goroutine that started it (Go's bubble timers
 * do both). Its channel values are the bubble's time, its AfterFunc goroutines join the bubble,
 * and only the bubble's goroutines may stop or reset its timers.
 */
final class Timers implements Bubble.TimerQueue {
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

    /** The instance for timers made by the caller: its synctest bubble's, else the global one. */
    static Timers current() {
        Bubble b = Bubble.ofCaller();
        return b == null ? global() : of(b);
    }

    /** The timers of bubble {@code b}. */
    static Timers of(Bubble b) {
        return (Timers) b.timers(Timers::new);
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
    /** The firing thread; null for a bubble's instance (its root fires it). */
    private final Thread thread;
    /** The synctest bubble whose timers these are, or null. Immutable. */
    private final Bubble bubble;
    /** A bubble's instance: the earliest deadline, or {@link Bubble#NONE}, for lock-free reads. Written under lock. */
    private volatile long headWhen = Bubble.NONE;
    /** Set by {@link #shutdown()} (tests only). */
    private volatile boolean shutdown;

    Timers(LongSupplier nanoClock, boolean realTime) {
        this.nanoClock = nanoClock;
        this.realTime = realTime;
        this.bubble = null;
        this.thread = Thread.ofPlatform().daemon().name("go4j-timers").unstarted(this::run);
        thread.start();
    }

    /** A bubble's timers, on its fake clock, with no thread. */
    private Timers(Bubble bubble) {
        this.nanoClock = bubble::nanoTime;
        this.realTime = false;
        this.bubble = bubble;
        this.thread = null;
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
            published();
        } finally {
            lock.unlock();
        }
        if (bubble != null && when <= now()) fireDue(); // already due: at once, as Go's bubble timers
    }

    /**
     * Unschedules {@code t} and drains its channel.
     *
     * @return whether it was pending: still in the heap, or fired with its value not yet received
     */
    boolean stop(RuntimeTimer t) {
        if (bubble != null) bubble.checkAccess("stop of synctest timer from outside bubble");
        lock.lock();
        try {
            boolean pending = unschedule(t);
            published();
            return pending;
        } finally {
            lock.unlock();
        }
    }

    /** Stops {@code t} as {@link #stop} does, then schedules it anew; returns what stop would. */
    boolean reset(RuntimeTimer t, long when, long period) {
        if (bubble != null) bubble.checkAccess("reset of synctest timer from outside bubble");
        boolean pending;
        lock.lock();
        try {
            pending = unschedule(t);
            add(t, when, period);
            published();
        } finally {
            lock.unlock();
        }
        if (bubble != null && when <= now()) fireDue();
        return pending;
    }

    /** A bubble's instance: publishes the earliest deadline for {@link #nextWhen}. Under lock. */
    private void published() {
        if (bubble == null) return;
        RuntimeTimer h = heap.peek();
        headWhen = h == null ? Bubble.NONE : h.when;
    }

    @Override
    public long nextWhen() {
        return headWhen;
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
        if (t.index == 0 && thread != null) LockSupport.unpark(thread); // new earliest deadline
    }

    private void schedule(RuntimeTimer t, long when, long period) {
        t.when = when;
        t.period = period;
        // Equal deadlines fire in scheduling order; in a bubble in random order, as Go's do there,
        // so that tests do not come to depend on an order real time would not keep.
        t.seq = bubble == null ? seq++ : java.util.concurrent.ThreadLocalRandom.current().nextLong();
        heap.add(t);
    }

    /** The timer thread's loop. */
    private void run() {
        while (!shutdown) {
            long wait = fire(); // nanoseconds to park; < 0: until unparked
            if (wait < 0 || !realTime) LockSupport.park(TIMER_WAIT);
            else LockSupport.parkNanos(TIMER_WAIT, wait);
        }
    }

    @Override
    public void fireDue() {
        fire();
    }

    /**
     * Fires every entry whose deadline has passed, in deadline order; returns the nanoseconds to
     * the next deadline, or -1 when none is pending.
     */
    private long fire() {
        RuntimeTimer[] toRun = null; // fired function timers, run after unlocking
        int nRun = 0;
        long wait;
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
                    if (toRun == null) toRun = new RuntimeTimer[4];
                    else if (nRun == toRun.length) toRun = Arrays.copyOf(toRun, nRun * 2);
                    toRun[nRun++] = t;
                }
            }
            t = heap.peek();
            wait = t == null ? -1 : Math.max(1, t.when - now);
            published();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < nRun; i++) startFunc(toRun[i]);
        return wait;
    }

    private void fireChan(RuntimeTimer t) {
        try {
            t.c.trySend(bubble == null ? Instant.now() : bubble.instant()); // full: a slow ticker reader; the tick is dropped
        } catch (RuntimeException e) {
            // The user closed the channel (Go's C is receive-only, so Go cannot get here): drop.
        }
    }

    private void startFunc(RuntimeTimer t) {
        try {
            if (t.inline) t.f.run();
            else if (bubble != null) bubble.go(t.f);
            else Go.go(t.f);
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
