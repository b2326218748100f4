package go4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import go4j.Until;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RWMutexTest {

    @Test
    void readersShareWritersExcludeUnderContention() {
        RWMutex rw = new RWMutex();
        AtomicInteger readers = new AtomicInteger();
        AtomicInteger writers = new AtomicInteger();
        AtomicInteger violations = new AtomicInteger();
        int[] value = {0};
        AtomicInteger writes = new AtomicInteger();
        WaitGroup wg = new WaitGroup();
        for (int g = 0; g < 32; g++) {
            wg.go(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < 1_000; i++) {
                    if (rnd.nextInt(4) == 0) {
                        rw.lock();
                        if (writers.incrementAndGet() != 1 || readers.get() != 0) violations.incrementAndGet();
                        value[0]++;
                        writes.incrementAndGet();
                        writers.decrementAndGet();
                        rw.unlock();
                    } else {
                        rw.rLock();
                        readers.incrementAndGet();
                        if (writers.get() != 0) violations.incrementAndGet();
                        if (i % 32 == 0) Thread.yield();
                        readers.decrementAndGet();
                        rw.rUnlock();
                    }
                }
            });
        }
        wg.await();
        assertThat(violations.get()).isZero();
        rw.rLock();
        assertThat(value[0]).isEqualTo(writes.get());
        rw.rUnlock();
        assertThat(rw.tryLock()).isTrue();
        rw.unlock();
    }

    @Test
    void readersHoldTogether() {
        RWMutex rw = new RWMutex();
        rw.rLock();
        assertThat(rw.tryRLock()).isTrue();
        assertThat(rw.tryLock()).isFalse();
        rw.rUnlock();
        rw.rUnlock();
        assertThat(rw.tryLock()).isTrue();
        assertThat(rw.tryRLock()).isFalse();
        rw.unlock();
    }

    /** A blocked writer keeps new readers out; they get in after it (Go's writer preference). */
    @Test
    void pendingWriterExcludesNewReaders() throws Exception {
        RWMutex rw = new RWMutex();
        List<String> order = new CopyOnWriteArrayList<>();
        rw.rLock();
        Thread writer = Thread.ofVirtual().start(() -> {
            rw.lock();
            order.add("writer");
            rw.unlock();
        });
        Until.until(rw::writerPending);
        assertThat(Until.blockerOf(writer)).isEqualTo("sync.RWMutex.Lock");
        assertThat(rw.tryRLock()).as("a pending writer excludes new readers").isFalse();
        Thread reader = Thread.ofVirtual().start(() -> {
            rw.rLock();
            order.add("reader");
            rw.rUnlock();
        });
        Until.until(() -> rw.parkedReaders() == 1);
        assertThat(Until.blockerOf(reader)).isEqualTo("sync.RWMutex.RLock");
        assertThat(order).isEmpty();
        rw.rUnlock(); // the last old reader leaves: the writer goes, then the new reader
        writer.join();
        reader.join();
        assertThat(order).containsExactly("writer", "reader");
    }

    @Test
    void secondWriterWaitsWithWaitReason() throws Exception {
        RWMutex rw = new RWMutex();
        rw.lock();
        Thread w2 = Thread.ofVirtual().start(() -> {
            rw.lock();
            rw.unlock();
        });
        assertThat(Until.blockerOf(w2)).isEqualTo("sync.RWMutex.Lock");
        rw.unlock();
        w2.join();
    }

    @Test
    void misusePanicsWithGoMessages() {
        RWMutex rw = new RWMutex();
        assertThatThrownBy(rw::rUnlock)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sync: RUnlock of unlocked RWMutex");
        assertThatThrownBy(rw::unlock)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sync: Unlock of unlocked RWMutex");
        rw.lock();
        assertThatThrownBy(rw::rUnlock).hasMessage("sync: RUnlock of unlocked RWMutex");
        rw.unlock();
        // Still usable after the failed calls.
        assertThat(rw.tryRLock()).isTrue();
        rw.rUnlock();
        assertThat(rw.tryLock()).isTrue();
        rw.unlock();
    }

    @Test
    void rLockerLocksForReading() {
        RWMutex rw = new RWMutex();
        Locker r = rw.rLocker();
        r.lock();
        assertThat(rw.tryRLock()).isTrue();
        assertThat(rw.tryLock()).isFalse();
        rw.rUnlock();
        r.unlock();
        assertThat(rw.tryLock()).isTrue();
        rw.unlock();
    }
}
