package go4j;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A channel's lock: a plain mutex (not reentrant, no owner) that spins briefly before it parks,
 * as Go's runtime lock does (lock_futex.go: a few rounds of {@code procyield} before sleeping).
 *
 * <p>Critical sections under a channel lock are a handful of field writes, so a contender usually
 * gets the lock within a few hundred nanoseconds; parking a goroutine instead unmounts it, and
 * waking it costs a trip through the scheduler. Spinning is bounded (4 rounds of 30 spin-waits),
 * then it falls back to {@link AbstractQueuedSynchronizer}'s queue, which parks. Uncontended, a
 * lock and unlock are one CAS and one volatile store: nothing records an owner (a
 * {@code ReentrantLock} writes and checks one on every call), since the channel code never
 * re-enters and always unlocks what it locked.
 */
final class ChanLock extends AbstractQueuedSynchronizer {
    private static final int ACTIVE_SPIN = 4;
    private static final int ACTIVE_SPIN_CNT = 30;

    void lock() {
        if (compareAndSetState(0, 1)) return;
        for (int round = 0; round < ACTIVE_SPIN; round++) {
            for (int i = 0; i < ACTIVE_SPIN_CNT; i++) Thread.onSpinWait();
            if (getState() == 0 && compareAndSetState(0, 1)) return;
        }
        acquire(1);
    }

    void unlock() {
        release(1);
    }

    /** Whether some thread holds the lock (a snapshot). */
    boolean isLocked() {
        return getState() != 0;
    }

    @Override
    protected boolean tryAcquire(int ignored) {
        return compareAndSetState(0, 1);
    }

    @Override
    protected boolean tryRelease(int ignored) {
        setState(0);
        return true;
    }
}
