package go4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import go4j.Go;
import go4j.Until;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MutexTest {

    @Test
    void mutualExclusionUnderContention() {
        Mutex m = new Mutex();
        int[] counter = {0};
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        WaitGroup wg = new WaitGroup();
        int goroutines = 64, iterations = 2_000;
        for (int g = 0; g < goroutines; g++) {
            wg.go(() -> {
                for (int i = 0; i < iterations; i++) {
                    m.lock();
                    if (inside.incrementAndGet() != 1) overlaps.incrementAndGet();
                    counter[0]++;
                    if (i % 64 == 0) Thread.yield(); // let others pile up behind the lock
                    inside.decrementAndGet();
                    m.unlock();
                }
            });
        }
        wg.await();
        assertThat(overlaps.get()).isZero();
        m.lock(); // happens-after every unlock above
        assertThat(counter[0]).isEqualTo(goroutines * iterations);
        m.unlock();
        assertThat(m.isLocked()).isFalse();
        assertThat(m.isStarving()).isFalse();
    }

    /**
     * The same contention with a clock on which every wait lasts 2 ms: every waiter that is woken
     * is starving, so the mutex keeps entering and leaving starvation mode (handoffs, LIFO
     * requeues, mode exits) while exclusion and the count must still hold.
     */
    @Test
    void mutualExclusionWhileTogglingStarvationMode() {
        java.util.concurrent.atomic.AtomicLong fake = new java.util.concurrent.atomic.AtomicLong();
        Mutex m = new Mutex(() -> fake.addAndGet(2 * Mutex.STARVATION_THRESHOLD_NANOS));
        int[] counter = {0};
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger sawStarving = new AtomicInteger();
        WaitGroup wg = new WaitGroup();
        int goroutines = 32, iterations = 500;
        for (int g = 0; g < goroutines; g++) {
            wg.go(() -> {
                for (int i = 0; i < iterations; i++) {
                    m.lock();
                    if (inside.incrementAndGet() != 1) overlaps.incrementAndGet();
                    if (m.isStarving()) sawStarving.incrementAndGet();
                    counter[0]++;
                    if (i % 8 == 0) Thread.yield();
                    inside.decrementAndGet();
                    m.unlock();
                }
            });
        }
        wg.await();
        assertThat(overlaps.get()).isZero();
        m.lock();
        assertThat(counter[0]).isEqualTo(goroutines * iterations);
        m.unlock();
        assertThat(m.isStarving()).as("the last waiter leaves starvation mode").isFalse();
        assertThat(sawStarving.get()).as("acquisitions by handoff in starvation mode").isPositive();
    }

    @Test
    void unlockOfUnlockedMutexPanicsAndLeavesItUsable() {
        Mutex m = new Mutex();
        assertThatThrownBy(m::unlock)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sync: unlock of unlocked mutex");
        m.lock();
        m.unlock();
        assertThatThrownBy(m::unlock).hasMessage("sync: unlock of unlocked mutex");
        assertThat(m.tryLock()).isTrue();
    }

    @Test
    void tryLockFailsWhileHeldAndIsNotReentrant() {
        Mutex m = new Mutex();
        assertThat(m.tryLock()).isTrue();
        assertThat(m.tryLock()).as("not reentrant").isFalse();
        m.unlock();
        assertThat(m.tryLock()).isTrue();
        m.unlock();
    }

    @Test
    void anotherGoroutineMayUnlock() {
        Mutex m = new Mutex();
        m.lock();
        Go.run(m::unlock);
        assertThat(m.tryLock()).isTrue();
    }

    @Test
    void blockedLockParksWithWaitReason() throws Exception {
        Mutex m = new Mutex();
        m.lock();
        Thread t = Thread.ofVirtual().start(() -> {
            m.lock();
            m.unlock();
        });
        assertThat(Until.blockerOf(t)).isEqualTo("sync.Mutex.Lock");
        m.unlock();
        t.join();
    }

    /** An interrupt does not end the wait; the goroutine gets the lock with its status still set. */
    @Test
    void interruptDoesNotEndTheWaitAndIsKept() throws Exception {
        Mutex m = new Mutex();
        m.lock();
        boolean[] interruptedWithLock = {false};
        Thread t = Thread.ofVirtual().start(() -> {
            m.lock();
            interruptedWithLock[0] = Thread.currentThread().isInterrupted();
            m.unlock();
        });
        Until.until(() -> m.parked() == 1);
        t.interrupt();
        // Mutual exclusion alone proves it still waits: we hold the mutex.
        m.unlock();
        t.join();
        assertThat(interruptedWithLock[0]).isTrue();
    }

    /**
     * Drives the mutex into starvation mode without sleeping: the fake clock makes the first
     * waiter see 2 ms pass between queueing and waking, and holds that waiter inside the clock
     * until the main thread has taken the mutex again, so the woken waiter deterministically
     * loses the race (the situation starvation mode exists for).
     */
    @Test
    void waiterThatLostForMoreThanOneMillisecondSwitchesToStarvationModeAndGetsHandoff()
            throws Exception {
        CountDownLatch relocked = new CountDownLatch(1);
        AtomicInteger clockCalls = new AtomicInteger();
        LongSupplier clock = () -> {
            if (clockCalls.getAndIncrement() == 0) return 0; // A's wait starts at t=0
            awaitUninterruptibly(relocked);
            return 2 * Mutex.STARVATION_THRESHOLD_NANOS;    // everybody else: t=2ms
        };
        Mutex m = new Mutex(clock);
        List<String> order = new CopyOnWriteArrayList<>();
        m.lock();

        Thread a = Thread.ofVirtual().start(() -> {
            m.lock();
            order.add("A");
            m.unlock();
        });
        Until.until(() -> clockCalls.get() >= 1); // A is counted as a waiter
        m.unlock();                               // normal mode: wakes A ...
        m.lock();                                 // ... but we take the mutex first
        relocked.countDown();                     // A now sees it waited 2 ms and lost
        Until.until(m::isStarving);
        assertThat(m.isStarving()).isTrue();
        assertThat(m.tryLock()).as("tryLock fails in starvation mode").isFalse();

        // A newcomer in starvation mode does not grab the mutex: it queues behind A.
        Thread b = Thread.ofVirtual().start(() -> {
            m.lock();
            order.add("B");
            m.unlock();
        });
        Until.until(() -> m.parked() == 2);
        assertThat(order).isEmpty();

        m.unlock(); // hands the mutex to A, then A to B, in FIFO order
        a.join();
        b.join();
        assertThat(order).containsExactly("A", "B");
        // B waited 0 ms by the clock and was the last waiter: back to normal mode.
        assertThat(m.isStarving()).isFalse();
        assertThat(m.isLocked()).isFalse();
        assertThat(m.tryLock()).isTrue();
    }

    @Test
    void normalModeWhenWaiterWaitedLessThanThreshold() throws Exception {
        Mutex m = new Mutex(() -> 0L); // no time ever passes
        m.lock();
        Thread a = Thread.ofVirtual().start(() -> {
            m.lock();
            m.unlock();
        });
        Until.until(() -> m.parked() == 1);
        m.unlock();
        a.join();
        assertThat(m.isStarving()).isFalse();
    }

    static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
