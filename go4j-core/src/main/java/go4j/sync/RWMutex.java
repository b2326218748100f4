package go4j.sync;

import go4j.runtime.WaitReason;
import go4j.runtime.PrimitiveSites;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reader/writer mutual exclusion lock with Go's {@code sync.RWMutex} semantics: any number of
 * readers or one writer.
 *
 * <p>Writers are preferred: once a goroutine is blocked in {@link #lock()}, new {@link #rLock()}
 * calls park until that writer has had the lock and released it, so a steady stream of readers
 * cannot starve a writer. A consequence, as in Go: a goroutine must not take the read lock
 * recursively (a writer arriving between the two calls deadlocks it). Not reentrant, not tied to
 * goroutines. Waiting goroutines park with reason "sync.RWMutex.RLock" or "sync.RWMutex.Lock";
 * an interrupt does not end the wait and the interrupt status is kept.
 *
 * <h2>State</h2>
 * {@code readerCount} counts readers holding or waiting for the read lock; a writer subtracts
 * {@link #MAX_READERS} from it, so a negative count tells readers a writer is pending.
 * {@code readerWait} counts the readers the pending writer still waits for to leave.
 */
public final class RWMutex implements Locker {
    static final int MAX_READERS = 1 << 30;

    /** Held by the writer (and a pending writer) so writers exclude each other. */
    private final Mutex w = new Mutex();
    /** Where a writer waits for the active readers to leave. */
    private final Sema writerSem = new Sema();
    /** Where readers wait for the writer to finish. */
    private final Sema readerSem = new Sema();
    /** Readers holding or waiting; minus MAX_READERS while a writer is pending or active. */
    private final AtomicInteger readerCount = new AtomicInteger();
    /** Active readers the pending writer still waits for. */
    private final AtomicInteger readerWait = new AtomicInteger();

    /** Creates an unlocked RWMutex. */
    public RWMutex() {
        // The writers' Mutex has walked the stack already (our frames are machinery to it): share its site.
        String site = w.site();
        if (site != null) madeAt(site);
    }

    static {
        PrimitiveSites.install(RWMutex.class, (m, site) -> ((RWMutex) m).madeAt(site));
    }

    /** Records where this lock was made, for leak reports (see {@link PrimitiveSites}). */
    private void madeAt(String site) {
        w.madeAt(site);
        writerSem.site = site;
        readerSem.site = site;
    }

    /** Locks for reading, parking while a writer holds or waits for the lock. */
    public void rLock() {
        if (readerCount.incrementAndGet() < 0) {
            // A writer is pending: wait for it. Its unlock counts us and releases one permit each.
            readerSem.acquire(WaitReason.RWMUTEX_RLOCK, false);
        }
    }

    /** Tries to lock for reading without waiting; fails while a writer holds or waits for it. */
    public boolean tryRLock() {
        for (;;) {
            int c = readerCount.get();
            if (c < 0) return false;
            if (readerCount.compareAndSet(c, c + 1)) return true;
        }
    }

    /**
     * Undoes one {@link #rLock()}.
     *
     * @throws IllegalStateException "sync: RUnlock of unlocked RWMutex"
     */
    public void rUnlock() {
        int r = readerCount.decrementAndGet();
        if (r < 0) rUnlockSlow(r);
    }

    private void rUnlockSlow(int r) {
        if (r + 1 == 0 || r + 1 == -MAX_READERS) {
            readerCount.incrementAndGet(); // undo, so the mutex stays usable
            throw new IllegalStateException("sync: RUnlock of unlocked RWMutex");
        }
        // A writer is pending; the last departing reader lets it in.
        if (readerWait.decrementAndGet() == 0) writerSem.release();
    }

    /** Locks for writing, parking until no reader or writer holds it. */
    @Override
    public void lock() {
        w.lock(WaitReason.RWMUTEX_LOCK);
        // Announce the writer to readers; r is the number of active readers.
        int r = readerCount.addAndGet(-MAX_READERS) + MAX_READERS;
        if (r != 0 && readerWait.addAndGet(r) != 0) {
            writerSem.acquire(WaitReason.RWMUTEX_LOCK, false);
        }
    }

    /** Tries to lock for writing without waiting. */
    public boolean tryLock() {
        if (!w.tryLock()) return false;
        if (!readerCount.compareAndSet(0, -MAX_READERS)) {
            w.unlock();
            return false;
        }
        return true;
    }

    /**
     * Unlocks for writing. Any goroutine may unlock it.
     *
     * @throws IllegalStateException "sync: Unlock of unlocked RWMutex"
     */
    @Override
    public void unlock() {
        // Announce to readers there is no active writer.
        int r = readerCount.addAndGet(MAX_READERS);
        if (r >= MAX_READERS) {
            readerCount.addAndGet(-MAX_READERS); // undo, so the mutex stays usable
            throw new IllegalStateException("sync: Unlock of unlocked RWMutex");
        }
        // Let in the readers that arrived while the writer held the lock.
        for (int i = 0; i < r; i++) readerSem.release();
        w.unlock();
    }

    /** A {@link Locker} whose lock and unlock are this mutex's rLock and rUnlock (Go's RLocker). */
    public Locker rLocker() {
        return new Locker() {
            @Override public void lock() { rLock(); }
            @Override public void unlock() { rUnlock(); }
        };
    }

    /** Test hook: readers parked waiting for a writer. */
    int parkedReaders() {
        return readerSem.waiting();
    }

    /** Test hook: whether a writer is pending or active. */
    boolean writerPending() {
        return readerCount.get() < 0;
    }
}
