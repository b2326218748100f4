package go4j.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A synctest bubble (Go's {@code synctestBubble}, runtime/synctest.go): a set of goroutines with
 * their own fake clock, which moves only when every goroutine of the set is <em>durably
 * blocked</em>, straight to the next timer. What {@code go4j.synctest.Synctest} runs on.
 *
 * <h2>Membership</h2>
 * A goroutine belongs to at most one bubble for its whole life ({@code G.bubble}, set before it
 * starts): the one its creator belongs to ({@code Sched.newg}), or the one whose root started it
 * (the body of {@link #run}, and AfterFunc goroutines fired by the root). Channels, go4j.sync
 * primitives and timers belong to the bubble of the goroutine that made them
 * ({@link #ofCaller()}), for their whole life.
 *
 * <h2>Counting</h2>
 * Under {@link #lock}: {@code total} goroutines of the bubble exist, {@code running} of them are not
 * durably blocked (running, runnable, or blocked in something else: a socket, {@code Thread.sleep},
 * a JDK lock, a channel of no bubble). A goroutine is durably blocked while it waits in a go4j
 * primitive of its own bubble, a bubble timer ({@code Time.sleep}), or {@link #await}.
 * <ul>
 * <li>The goroutine itself counts its block, in the park seam ({@link Park#waitingDurably}),
 *     after it queued its waiter and before it parks.</li>
 * <li>Whoever wakes it counts the wake ({@link Park#readiedDurably}), before making it runnable:
 *     as Go counts a goroutine running at {@code goready}, not when it runs. So a goroutine that
 *     wakes another and then blocks itself never leaves a moment at which both look blocked.</li>
 * <li>Both happen exactly once per durable wait (a waiter is woken once, by whoever claimed it),
 *     in either order: when the wake comes first the count is one too high for a moment, which
 *     only delays the decision, never makes a wrong one.</li>
 * </ul>
 * A primitive's waiter knows at construction whether its wait is durable (the primitive's bubble
 * is the waiter's), so outside bubbles the park seam and the wakers read one boolean, and making a
 * primitive reads one static counter ({@link #LIVE}).
 *
 * <h2>Deciding (Go's maybeWakeLocked)</h2>
 * When {@code running == 0} and nothing else is at work ({@code active == 0}), exactly one party
 * is woken, and {@code active} is raised until it has acted: the root if a timer is due at the
 * current time; else the goroutine in {@link #await}; else the root, which moves the clock to the
 * next timer and fires it, or, with none pending (or the body ended, after which time stops as in
 * Go), ends the bubble: successfully when no goroutine is left, else with a deadlock report.
 *
 * <h2>Timers</h2>
 * The bubble's timers are a {@link TimerQueue} (go4j.time's timer heap on this clock, without a
 * thread of its own), fired by the root while it holds {@code active}, with no bubble lock held:
 * firing takes the timer lock and then, to wake a receiver, this lock (the only order allowed).
 * The root reads the next deadline without the timer lock ({@link TimerQueue#nextWhen}); it reads
 * it only while the bubble is idle or the reader is the goroutine that last changed the timers.
 */
public final class Bubble {
    /** Where every bubble's clock starts: midnight UTC, 2000-01-01, as Go's does. */
    public static final Instant EPOCH = Instant.ofEpochSecond(946_684_800); // not Instant.parse: its formatter costs a fresh JVM ~10 ms
    /** {@link TimerQueue#nextWhen} when no timer is pending. */
    public static final long NONE = Long.MAX_VALUE;

    /** Bubbles that exist. While 0, {@link #ofCaller} answers without looking at the caller. */
    private static final AtomicInteger LIVE = new AtomicInteger();
    private static final AtomicInteger IDS = new AtomicInteger();

    /** A bubble's timers, as the root drives them. Implemented by go4j.time. */
    public interface TimerQueue {
        /** The earliest pending deadline on the bubble's clock, or {@link #NONE}; lock-free. */
        long nextWhen();

        /** Fires every timer due at the bubble's current time. */
        void fireDue();
    }

    /** The outcome of {@link #run}: the body's exception, another goroutine's, a deadlock report. */
    public record Outcome(Throwable bodyFailure, Throwable goroutineFailure, String deadlock) {}

    final int id = IDS.incrementAndGet();
    /** Guards every field below that says so. Taken after a timer lock, never before one. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition rootWake = lock.newCondition();
    private final Condition waiterWake = lock.newCondition();

    /** Goroutines of the bubble that exist. Guarded by lock. */
    private int total;
    /** Of those, the ones not durably blocked. Guarded by lock. */
    private int running;
    /** Other activity that keeps the bubble from being idle: the root at work, a wake in flight. Guarded. */
    private int active;
    /** The body's goroutine, and whether it ended (then time stops). Guarded by lock. */
    private G main;
    private boolean done;
    /** A goroutine is in {@link #await}; it has been told to return. Guarded by lock. */
    private boolean waiting, waiterWoken;
    /** The root has been told to act. Guarded by lock. */
    private volatile boolean rootWoken; // volatile for Checkdead's racy look (see run)
    /**
     * Every goroutine of the bubble that exists, with its thread, for the deadlock report. Guarded
     * by lock. Holding the threads keeps a bubble's goroutines from being collected as leaked
     * while the bubble lives: one blocked for good is the bubble's deadlock, which reports it.
     */
    private final Map<G, Thread> members = new HashMap<>();
    /** What the body threw, and the first exception that escaped another goroutine. Guarded by lock. */
    private Throwable bodyFailure, goroutineFailure;

    /** The fake clock: nanoseconds since {@link #EPOCH}. Written by the root while the bubble is idle. */
    private volatile long now;
    /** Made on first use by go4j.time ({@link #timers(Function)}). */
    private volatile TimerQueue timers;
    /** The root while it fires timers: it may touch the bubble's channels then. */
    private volatile Thread firing;

    private Bubble() {}

    // ---- who belongs ------------------------------------------------------------------------

    /** The calling goroutine's bubble, or null (also on a platform thread). */
    public static Bubble current() {
        return G.currentBubble();
    }

    /**
     * Whether the caller's wait on a primitive made in {@code ofPrimitive} (null: in none) is
     * durable: the primitive belongs to the caller's own bubble.
     */
    public static boolean waitIsDurable(Bubble ofPrimitive) {
        return ofPrimitive != null && ofPrimitive == current();
    }

    /**
     * The caller's bubble, or null: whose clock and timers it uses. Costs one read of a static
     * counter while no bubble exists.
     */
    public static Bubble ofCaller() {
        return LIVE.get() == 0 ? null : current();
    }

    /**
     * The bubble a channel or sync primitive made now belongs to: the caller's, unless it is
     * being made while a class is initialised. A static field is a global, as Go's package-level
     * variables are, which are made before any bubble exists: Java initialises classes lazily,
     * so a class first used inside a bubble would otherwise leave its statics to that bubble
     * (and every later use outside it would fail). Costs one read of a static counter while no
     * bubble exists; in a bubble, a walk of the stack.
     */
    public static Bubble forNewPrimitive() {
        Bubble b = ofCaller();
        return b == null || initializingClass() ? null : b;
    }

    /**
     * Runs {@code make} as if the calling goroutine were in no bubble, so what it makes belongs
     * to none: the lazily made parts of an object made outside any bubble (a context's done
     * channel) must not become the bubble's because a goroutine of one asked first.
     */
    public static <T> T outside(java.util.function.Supplier<T> make) {
        G g = G.current();
        Bubble b = g == null ? null : g.bubble;
        if (b == null) return make.get();
        // Safe to lift for a moment: only this goroutine reads its bubble while it runs (others
        // read it only while it is durably blocked, and making an object does not block).
        g.bubble = null;
        try {
            return make.get();
        } finally {
            g.bubble = b;
        }
    }

    /** A holder: only a live bubble walks, and a fresh JVM's first StackWalker costs milliseconds (go statements load this class). */
    private static final class Walker {
        static final StackWalker WALKER = StackWalker.getInstance();
    }

    private static boolean initializingClass() {
        return Walker.WALKER.walk(frames -> frames.anyMatch(f -> f.getMethodName().equals("<clinit>")));
    }

    /** Whether the caller may use this bubble's channels and timers: it is in it, or its root firing timers. */
    public boolean isCurrent() {
        return current() == this || Thread.currentThread() == firing;
    }

    /** Throws {@code message} (Go's wording) unless {@link #isCurrent()}. */
    public void checkAccess(String message) {
        if (!isCurrent()) throw new IllegalStateException(message);
    }

    /** The fake clock, in nanoseconds since {@link #EPOCH}. */
    public long nanoTime() {
        return now;
    }

    /** The fake clock as an instant. */
    public Instant instant() {
        return EPOCH.plusNanos(now);
    }

    /** The bubble's timers, made by {@code make} on first use. */
    public TimerQueue timers(Function<Bubble, TimerQueue> make) {
        TimerQueue q = timers;
        if (q != null) return q;
        lock.lock();
        try {
            if (timers == null) timers = make.apply(this);
            return timers;
        } finally {
            lock.unlock();
        }
    }

    /** Starts {@code body} as a goroutine of this bubble (an AfterFunc fired by the root, say). */
    public void go(Runnable body) {
        spawn(body, false);
    }

    private G spawn(Runnable body, boolean isMain) {
        Sched sched = Sched.get();
        Thread t = Newproc.newg(sched, body, sched.entry, Newproc.NUMBERED_NAMES);
        G g = G.of(t);
        lock.lock();
        try {
            if (g.bubble == null) enterLocked(g, t); // made by the root: not inherited in newg
            if (isMain) main = g;
        } finally {
            lock.unlock();
        }
        t.start();
        return g;
    }

    /** {@code g}, whose thread is {@code t}, made by a goroutine of this bubble, joins it (called by its creator, before it starts). */
    void enter(G g, Thread t) {
        lock.lock();
        try {
            enterLocked(g, t);
        } finally {
            lock.unlock();
        }
    }

    private void enterLocked(G g, Thread t) {
        g.bubble = this;
        total++;
        running++; // runnable is not durably blocked
        members.put(g, t);
    }

    /** {@code g} of this bubble ends (called by itself). */
    void exit(G g) {
        lock.lock();
        try {
            total--;
            running--;
            members.remove(g);
            if (g == main) done = true;
            maybeWakeLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * An exception escaped {@code g}, a goroutine of this bubble: {@link #run} rethrows the body's,
     * else the first of another's. Returns true for the body's, which is not reported as a panic.
     */
    boolean panicked(G g, Throwable t) {
        lock.lock();
        try {
            if (g == main) {
                bodyFailure = t;
                return true;
            }
            if (goroutineFailure == null) goroutineFailure = t;
            return false;
        } finally {
            lock.unlock();
        }
    }

    // ---- durable blocking: the two halves of the park seam ----------------------------------

    /** The calling goroutine {@code g} durably blocks (see {@link Park#waitingDurably}). */
    static void blocked(G g) {
        Bubble b = g.bubble;
        b.lock.lock();
        try {
            b.running--;
            b.maybeWakeLocked();
        } finally {
            b.lock.unlock();
        }
    }

    /** The durable wait of {@code owner}'s goroutine is over, counted by its waker (see {@link Park#readiedDurably}). */
    static void readied(Thread owner) {
        G g = G.of(owner);
        Bubble b = g == null ? null : g.bubble;
        if (b == null) return; // only goroutines of a bubble wait durably
        b.lock.lock();
        try {
            b.running++;
        } finally {
            b.lock.unlock();
        }
    }

    /** Go's maybeWakeLocked: when the bubble is idle, tells exactly one party to act. */
    private void maybeWakeLocked() {
        if (running > 0 || active > 0) return;
        active++; // until the woken party has acted: no second wake meanwhile
        TimerQueue q = timers;
        if (q != null && q.nextWhen() <= now) {
            wakeRootLocked(); // a timer is due now: fire it before anyone sees the bubble idle
        } else if (waiting) {
            waiterWoken = true;
            running++; // counted at the wake, as any other
            waiterWake.signal();
        } else {
            wakeRootLocked();
        }
    }

    private void wakeRootLocked() {
        rootWoken = true;
        rootWake.signal();
    }

    // ---- Synctest.run and Synctest.await ----------------------------------------------------

    /**
     * Runs {@code body} as a goroutine in a new bubble and returns when it and every goroutine of
     * the bubble have ended, or when they are all durably blocked with no timer to wait for (or
     * the body ended and the rest are durably blocked: time stops with the body, as in Go).
     *
     * @throws IllegalStateException "synctest.Run called from within a synctest bubble"
     */
    public static Outcome run(Runnable body) {
        Objects.requireNonNull(body, "body");
        if (current() != null) throw new IllegalStateException("synctest.Run called from within a synctest bubble");
        Bubble b = new Bubble();
        LIVE.incrementAndGet();
        try {
            return b.drive(body);
        } finally {
            LIVE.decrementAndGet();
        }
    }

    private Outcome drive(Runnable body) {
        lock.lock();
        try {
            active = 1; // the root is at work until it first waits
        } finally {
            lock.unlock();
        }
        spawn(body, true); // the body itself, so its creation site is the caller's (see Sites)
        String deadlock = null;
        lock.lock();
        try {
            for (;;) {
                TimerQueue q = timers;
                if (q != null && q.nextWhen() <= now) {
                    lock.unlock();
                    firing = Thread.currentThread();
                    try {
                        q.fireDue();
                    } finally {
                        firing = null;
                        lock.lock();
                    }
                }
                // Wait until the bubble is idle (Go's synctestidle_c): the waker raises active for us.
                active--;
                rootWoken = false;
                maybeWakeLocked();
                if (!rootWoken) {
                    Park.waiting(WaitReason.SYNCTEST_RUN, () -> rootWoken);
                    while (!rootWoken) rootWake.awaitUninterruptibly();
                    Park.running();
                }
                if (total == 0) break;
                q = timers;
                long next = q == null ? NONE : q.nextWhen();
                if (next <= now) continue; // due now: fire it
                if (next == NONE || done) break;
                now = next;
            }
            if (total != 0) deadlock = deadlockReportLocked();
            return new Outcome(bodyFailure, goroutineFailure, deadlock);
        } finally {
            lock.unlock();
        }
    }

    /** Go's synctestDeadlockError, with every goroutine left in Go's traceback form. */
    private String deadlockReportLocked() {
        StringBuilder sb = new StringBuilder(done
                ? "deadlock: main bubble goroutine has exited but blocked goroutines remain"
                : "deadlock: all goroutines in bubble are blocked");
        List<Map.Entry<G, Thread>> left = new ArrayList<>(members.entrySet());
        left.sort(Comparator.comparingLong(e -> e.getKey().goid));
        sb.append("\n\n");
        for (Map.Entry<G, Thread> e : left) sb.append(Traceback.oneBlocked(e.getKey(), e.getValue()));
        return sb.toString().stripTrailing();
    }

    /**
     * Go's {@code synctest.Wait}: returns once every other goroutine of the caller's bubble is
     * durably blocked (and no timer is due now).
     *
     * @throws IllegalStateException "goroutine is not in a bubble", or "wait already in progress"
     *     when another goroutine of the bubble is in it
     */
    public static void await() {
        G g = G.current();
        Bubble b = g == null ? null : g.bubble;
        if (b == null) throw new IllegalStateException("goroutine is not in a bubble");
        b.lock.lock();
        try {
            if (b.waiting) throw new IllegalStateException("wait already in progress");
            b.waiting = true;
            b.waiterWoken = false;
            Park.waiting(WaitReason.SYNCTEST_WAIT, null); // a goroutine's wait: Checkdead never asks
            b.running--; // durably blocked in Wait
            b.maybeWakeLocked();
            while (!b.waiterWoken) b.waiterWake.awaitUninterruptibly();
            Park.running();
            b.active--; // raised by whoever woke us
            b.waiting = false;
        } finally {
            b.lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "bubble " + id;
    }
}
