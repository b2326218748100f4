package go4j.sync;

import go4j.runtime.WaitReason;
import go4j.runtime.PrimitiveSites;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.LongSupplier;

/**
 * A mutual exclusion lock with Go's {@code sync.Mutex} semantics. The zero state is unlocked.
 *
 * <p>A Mutex is not tied to a goroutine: one goroutine may lock it and another unlock it. It is
 * not reentrant: locking it again from the goroutine that holds it parks that goroutine forever,
 * as in Go. Waiting goroutines park (a virtual thread unmounts from its carrier); an interrupt
 * does not end the wait and the interrupt status is kept. It does not implement
 * {@link java.util.concurrent.locks.Lock}, whose methods throw {@link InterruptedException}.
 *
 * <h2>Fairness: normal and starvation modes (Go's design)</h2>
 * In normal mode waiters queue FIFO, but a woken waiter does not own the mutex: it competes with
 * goroutines that are arriving right now, which have the advantage of already running, so it
 * often loses; then it goes back to the front of the queue. A waiter that has failed to get the
 * mutex for more than 1 ms switches the mutex to starvation mode: {@code unlock} hands ownership
 * straight to the waiter at the front, arriving goroutines do not try to take it nor spin, they
 * queue at the tail. A waiter that receives ownership and is the last one, or waited less than
 * 1 ms, switches the mutex back to normal mode. Normal mode is much faster (a goroutine can take
 * the mutex several times in a row although waiters exist); starvation mode bounds the tail
 * latency.
 *
 * <h2>State word</h2>
 * {@code state}: bit 0 locked, bit 1 woken (a waiter is awake and about to compete, so unlock
 * need not wake another), bit 2 starving, bits 3.. the number of waiters (queued or about to
 * queue on {@code sema}). In starvation mode a handed-off waiter is still counted and the locked
 * bit is clear until it sets both right.
 */
public final class Mutex implements Locker {
    private static final int LOCKED = 1;
    private static final int WOKEN = 1 << 1;
    private static final int STARVING = 1 << 2;
    private static final int WAITER_SHIFT = 3;
    private static final int WAITER = 1 << WAITER_SHIFT;
    /** How long a waiter may fail to get the mutex before it switches it to starvation mode. */
    static final long STARVATION_THRESHOLD_NANOS = 1_000_000L;
    private static final int SPIN_ITERATIONS = 4;
    private static final boolean MULTICORE = Runtime.getRuntime().availableProcessors() > 1;

    private static final AtomicIntegerFieldUpdater<Mutex> STATE =
            AtomicIntegerFieldUpdater.newUpdater(Mutex.class, "state");

    /** The state word above; every goroutine reads and CASes it. */
    private volatile int state;
    /** Where waiters sleep; counted in {@code state} before they get here. */
    private final Sema sema = new Sema();
    /** The clock waiters measure their wait with: System::nanoTime, or a test's fake. */
    private final LongSupplier nanoClock;

    /** Creates an unlocked mutex. */
    public Mutex() {
        this(System::nanoTime);
    }

    /** Test seam: a mutex whose waiters read {@code nanoClock} to decide about starvation. */
    Mutex(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        if (PrimitiveSites.walking()) madeAt(PrimitiveSites.caller());
    }

    static {
        PrimitiveSites.install(Mutex.class, (m, site) -> ((Mutex) m).madeAt(site));
    }

    /** Records where this mutex was made, for leak reports (see {@link PrimitiveSites}). */
    void madeAt(String site) {
        sema.site = site;
    }

    /** Where this mutex was made; null when not recorded. */
    String site() {
        return sema.site;
    }

    /** Locks the mutex, parking until it is available. */
    @Override
    public void lock() {
        if (STATE.compareAndSet(this, 0, LOCKED)) return;
        lockSlow(WaitReason.MUTEX_LOCK);
    }

    /** Locks, parking with {@code reason} (RWMutex's writers wait here as "sync.RWMutex.Lock"). */
    void lock(WaitReason reason) {
        if (STATE.compareAndSet(this, 0, LOCKED)) return;
        lockSlow(reason);
    }

    /**
     * Tries to lock the mutex without waiting. Like Go's TryLock, it fails while waiters are
     * being handed the mutex (starvation mode) even when it looks free.
     *
     * @return whether the mutex is now locked by the caller
     */
    public boolean tryLock() {
        int old = state;
        if ((old & (LOCKED | STARVING)) != 0) return false;
        return STATE.compareAndSet(this, old, old | LOCKED);
    }

    private void lockSlow(WaitReason reason) {
        long waitStart = 0;
        boolean starving = false; // this goroutine has waited too long
        boolean awoke = false;    // this goroutine holds the WOKEN bit
        int iter = 0;
        int old = state;
        for (;;) {
            // Spin a little in normal mode while the mutex is held: the owner may release it soon.
            // Never in starvation mode: ownership goes to a waiter, spinning cannot win it.
            if ((old & (LOCKED | STARVING)) == LOCKED && canSpin(iter)) {
                // Set WOKEN so unlock does not wake another waiter while we are about to take it.
                if (!awoke && (old & WOKEN) == 0 && (old >>> WAITER_SHIFT) != 0
                        && STATE.compareAndSet(this, old, old | WOKEN)) {
                    awoke = true;
                }
                for (int i = 0; i < 30; i++) Thread.onSpinWait();
                iter++;
                old = state;
                continue;
            }
            int next = old;
            if ((old & STARVING) == 0) next |= LOCKED;          // starving: do not grab, queue
            if ((old & (LOCKED | STARVING)) != 0) next += WAITER;
            // Switch to starvation mode only if the mutex is locked: an unlocked mutex in
            // starvation mode would have no one to hand it off, and unlock expects waiters.
            if (starving && (old & LOCKED) != 0) next |= STARVING;
            if (awoke) {
                if ((next & WOKEN) == 0) throw new IllegalStateException("sync: inconsistent mutex state");
                next &= ~WOKEN;
            }
            if (STATE.compareAndSet(this, old, next)) {
                if ((old & (LOCKED | STARVING)) == 0) return; // took it with the CAS
                boolean queueFront = waitStart != 0; // waited before: back to the front
                if (waitStart == 0) waitStart = nanoClock.getAsLong();
                sema.acquire(reason, queueFront);
                starving = starving || nanoClock.getAsLong() - waitStart > STARVATION_THRESHOLD_NANOS;
                old = state;
                if ((old & STARVING) != 0) {
                    // Ownership was handed to us; we are still counted as a waiter and LOCKED is clear.
                    if ((old & (LOCKED | WOKEN)) != 0 || (old >>> WAITER_SHIFT) == 0) {
                        throw new IllegalStateException("sync: inconsistent mutex state");
                    }
                    int delta = LOCKED - WAITER;
                    if (!starving || (old >>> WAITER_SHIFT) == 1) {
                        // Leave starvation mode: we did not wait long, or nobody is left to starve.
                        delta -= STARVING;
                    }
                    STATE.getAndAdd(this, delta);
                    return;
                }
                awoke = true;
                iter = 0;
            } else {
                old = state;
            }
        }
    }

    private static boolean canSpin(int iter) {
        return MULTICORE && iter < SPIN_ITERATIONS;
    }

    /**
     * Unlocks the mutex. Any goroutine may unlock it, not only the one that locked it.
     *
     * @throws IllegalStateException "sync: unlock of unlocked mutex"
     */
    @Override
    public void unlock() {
        if (STATE.compareAndSet(this, LOCKED, 0)) return;
        int old;
        do {
            old = state;
            // In starvation mode a handed-off waiter owns the mutex before it sets LOCKED; an
            // unlock in that window is an unlock by a non-owner, which Go also reports.
            if ((old & LOCKED) == 0) throw new IllegalStateException("sync: unlock of unlocked mutex");
        } while (!STATE.compareAndSet(this, old, old - LOCKED));
        int next = old - LOCKED;
        if (next != 0) unlockSlow(next);
    }

    private void unlockSlow(int next) {
        if ((next & STARVING) == 0) {
            int old = next;
            for (;;) {
                // Nobody to wake, or someone already woken, locking, or being handed the mutex.
                if ((old >>> WAITER_SHIFT) == 0 || (old & (LOCKED | WOKEN | STARVING)) != 0) return;
                // Take one waiter off the count and give the right to wake to it.
                if (STATE.compareAndSet(this, old, (old - WAITER) | WOKEN)) {
                    sema.release();
                    return;
                }
                old = state;
            }
        } else {
            // Starvation mode: hand ownership to the front waiter. LOCKED stays clear until the
            // waiter sets it, but STARVING keeps arriving goroutines from taking the mutex.
            sema.release();
        }
    }

    /** Test hook: whether the mutex is in starvation mode. */
    boolean isStarving() {
        return (state & STARVING) != 0;
    }

    /** Test hook: whether the locked bit is set. */
    boolean isLocked() {
        return (state & LOCKED) != 0;
    }

    /** Test hook: the number of goroutines parked on the mutex. */
    int parked() {
        return sema.waiting();
    }

    @Override
    public String toString() {
        int s = state;
        return "Mutex[" + ((s & LOCKED) != 0 ? "locked" : "unlocked")
                + ((s & STARVING) != 0 ? ", starving" : "")
                + ", waiters=" + (s >>> WAITER_SHIFT) + "]";
    }
}
