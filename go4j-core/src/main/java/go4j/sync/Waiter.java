package go4j.sync;

import go4j.runtime.Bubble;
import go4j.runtime.Park;
import java.util.concurrent.locks.LockSupport;

/**
 * One goroutine (or platform thread) parked in a go4j.sync wait queue.
 *
 * <p>The waiter is also the blocker object its thread parks with, and its {@link #toString()} is
 * Go's wait reason ("sync.Mutex.Lock", "semacquire", ...), so a goroutine dump reads the reason
 * from {@code LockSupport.getBlocker(thread)}. A waiter holds no reference to the primitive it
 * waits on: the primitive's queue points at the waiter, never the reverse, so a primitive that
 * nobody else can reach becomes unreachable even while goroutines wait on it (what leak
 * detection looks for).
 *
 * <p>Invariant: {@code granted} goes from false to true once, set by the goroutine that hands
 * this waiter what it waits for, after that goroutine has unlinked it from its queue.
 */
final class Waiter {
    static final String MUTEX_LOCK = "sync.Mutex.Lock";
    static final String RWMUTEX_RLOCK = "sync.RWMutex.RLock";
    static final String RWMUTEX_LOCK = "sync.RWMutex.Lock";
    static final String WAITGROUP_WAIT = "sync.WaitGroup.Wait";
    static final String COND_WAIT = "sync.Cond.Wait";
    static final String SEMACQUIRE = "semacquire";
    /** WaitGroup's wait when durable in a synctest bubble (Go's wording). */
    static final String WAITGROUP_WAIT_DURABLE = "sync.WaitGroup.Wait (durable)";

    /** The parked thread; written at construction, read by the granter. */
    final Thread thread;
    /** Go's wait reason; what {@link #toString()} returns. */
    final String reason;
    /** Weight (Semaphore) or ticket (Cond); written before enqueueing, read under the queue's lock. */
    long value;
    /** Queue links; owned by the queue this waiter is in, accessed under that queue's lock. */
    Waiter prev, next;
    /** Set once by the granter (volatile store), read by the parked thread (volatile load). */
    private volatile boolean granted;
    /**
     * Whether the wait is durable in the owner's synctest bubble: the primitive was made in the
     * bubble the owner belongs to. The owner counts its block, the granter the wake (see
     * {@code runtime.Bubble}). Immutable.
     */
    final boolean durable;

    Waiter(String reason) {
        this(reason, null);
    }

    /** A waiter on a primitive of {@code bubble} (null: of no bubble). */
    Waiter(String reason, Bubble bubble) {
        this.thread = Thread.currentThread();
        this.durable = bubble != null && bubble == Bubble.current();
        this.reason = durable && reason == WAITGROUP_WAIT ? WAITGROUP_WAIT_DURABLE : reason;
    }

    /** Marks this waiter served and wakes its thread. Called after unlinking it. */
    void grant() {
        if (durable) Park.readiedDurably(thread); // before the owner can run: counted at the wake
        granted = true;
        LockSupport.unpark(thread);
    }

    boolean isGranted() {
        return granted;
    }

    /**
     * Parks until {@link #grant()}. Not interruptible: an interrupt does not end the wait (a
     * spurious wake-up just parks again) and the interrupt status is set again on return.
     *
     * @param site where the primitive waited on was made, for leak reports; null if not recorded
     */
    void park(String site) {
        boolean interrupted = false;
        if (durable) Park.waitingDurably(reason, site);
        else Park.waiting(reason, site);
        while (!granted) {
            LockSupport.park(this);
            // park returns at once while the interrupt status is set: clear it so we do not spin,
            // remember it, and restore it on the way out.
            if (thread.isInterrupted() && Thread.interrupted()) interrupted = true; // a read first: clearing takes a lock on a virtual thread
        }
        Park.running();
        if (interrupted) thread.interrupt();
    }

    /** Parks forever (Go's block-forever waits); never returns. */
    static void parkForever(String reason, String site) {
        parkForever(reason, site, null);
    }

    /** {@link #parkForever(String, String)} on a primitive of {@code bubble}. */
    static void parkForever(String reason, String site, Bubble bubble) {
        Waiter w = new Waiter(reason, bubble);
        w.park(site);
        throw new AssertionError("unreachable: a forever-waiter was granted");
    }

    @Override
    public String toString() {
        return reason;
    }
}
