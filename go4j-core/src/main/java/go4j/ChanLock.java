package go4j;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A channel's lock: spins briefly before it parks, as Go's runtime lock does (lock_futex.go: a
 * few rounds of {@code procyield} before sleeping).
 *
 * <p>Critical sections under a channel lock are a handful of field writes, so a contender usually
 * gets the lock within a few hundred nanoseconds; parking a goroutine instead unmounts it, and
 * waking it costs a trip through the scheduler. Spinning is bounded (4 rounds of 30 spin-waits),
 * then it falls back to {@link ReentrantLock}'s queue, which parks.
 */
final class ChanLock extends ReentrantLock {
    private static final int ACTIVE_SPIN = 4;
    private static final int ACTIVE_SPIN_CNT = 30;

    @Override
    public void lock() {
        if (tryLock()) return;
        for (int round = 0; round < ACTIVE_SPIN; round++) {
            for (int i = 0; i < ACTIVE_SPIN_CNT; i++) Thread.onSpinWait();
            if (!isLocked() && tryLock()) return;
        }
        super.lock();
    }
}
