package go4j.runtime;

import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Go's LockOSThread: the goroutine keeps its thread, the thread keeps to the goroutine, the P moves on. */
@ExtendWith(SchedExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LockOSThreadTest {

    @Test
    void aLockedGoroutineAlwaysResumesOnItsMWhichRunsNoOtherGoroutine() throws InterruptedException {
        Sched s = SchedExtension.newSched(1);
        Set<M> lockedCarriers = ConcurrentHashMap.newKeySet();
        Set<M> otherCarriers = ConcurrentHashMap.newKeySet();
        AtomicReference<M> lockedM = new AtomicReference<>();
        int rounds = 50, others = 200;
        SchedExtension.runIn(s, () -> {
            CountDownLatch done = new CountDownLatch(1);
            s.newproc(() -> {
                s.locked.lockOSThread();
                lockedM.set(s.currentM());
                for (int i = 0; i < rounds; i++) {
                    lockedCarriers.add(s.currentM());
                    // Park (with GOMAXPROCS=1 the others can only run if our P moved on), then yield.
                    CountDownLatch batch = new CountDownLatch(others / rounds);
                    for (int k = 0; k < others / rounds; k++) {
                        s.newproc(() -> {
                            otherCarriers.add(s.currentM());
                            batch.countDown();
                        });
                    }
                    SchedExtension.await(batch);
                    lockedCarriers.add(s.currentM());
                    Thread.yield();
                    lockedCarriers.add(s.currentM());
                    LockSupport.parkNanos(1000);
                }
                s.locked.unlockOSThread();
                done.countDown();
            });
            SchedExtension.await(done);
        });
        assertThat(lockedCarriers).containsExactly(lockedM.get());
        assertThat(otherCarriers).isNotEmpty().doesNotContain(lockedM.get());
    }

    @Test
    void locksNestAndUnlockingFreesTheGoroutine() throws InterruptedException {
        Sched s = SchedExtension.newSched(2);
        SchedExtension.runIn(s, () -> {
            s.locked.lockOSThread();
            s.locked.lockOSThread();
            M m = s.currentM();
            s.locked.unlockOSThread();
            assertThat(m.lockedCont).isNotNull(); // still locked once
            s.locked.unlockOSThread();
            assertThat(m.lockedCont).isNull();
            s.locked.unlockOSThread(); // extra unlocks are ignored, as in Go
            assertThat(m.lockedCount).isZero();
        });
    }

    @Test
    void aGoroutineEndingLockedFreesItsM() throws InterruptedException {
        Sched s = SchedExtension.newSched(1);
        AtomicReference<M> m = new AtomicReference<>();
        G g = s.newproc(() -> {
            s.locked.lockOSThread();
            m.set(s.currentM());
        });
        g.thread().join();
        CountDownLatch done = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) s.newproc(done::countDown);
        done.await();
        assertThat(m.get().lockedCont).isNull();
    }
}
