package go4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import go4j.Until;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SemaphoreTest {

    @Test
    void neverMoreThanSizeHeldUnderContention() {
        Semaphore s = new Semaphore(10);
        AtomicLong inUse = new AtomicLong();
        AtomicLong max = new AtomicLong();
        WaitGroup wg = new WaitGroup();
        for (int g = 0; g < 40; g++) {
            wg.go(() -> {
                for (int i = 0; i < 500; i++) {
                    long n = 1 + ThreadLocalRandom.current().nextInt(10);
                    s.acquire(n);
                    long now = inUse.addAndGet(n);
                    max.accumulateAndGet(now, Math::max);
                    if (i % 16 == 0) Thread.yield();
                    inUse.addAndGet(-n);
                    s.release(n);
                }
            });
        }
        wg.await();
        assertThat(max.get()).isLessThanOrEqualTo(10);
        assertThat(s.held()).isZero();
        assertThat(s.tryAcquire(10)).isTrue();
    }

    /** A large waiter at the head is not overtaken by smaller ones that would fit. */
    @Test
    void largeWaiterAtTheHeadIsNotStarved() throws Exception {
        Semaphore s = new Semaphore(10);
        List<String> order = new CopyOnWriteArrayList<>();
        s.acquire(5);
        Thread large = Thread.ofVirtual().start(() -> {
            s.acquire(10);
            order.add("large");
        });
        Until.until(() -> s.waiting() == 1);
        assertThat(Until.blockerOf(large)).isEqualTo("semacquire");
        assertThat(s.tryAcquire(1)).as("5 units are free, but the large waiter is first").isFalse();
        Thread small = Thread.ofVirtual().start(() -> {
            s.acquire(1);
            order.add("small");
        });
        Until.until(() -> s.waiting() == 2);
        s.release(5);
        large.join();
        assertThat(order).containsExactly("large");
        assertThat(s.waiting()).isEqualTo(1);
        s.release(10);
        small.join();
        assertThat(order).containsExactly("large", "small");
        s.release(1);
        assertThat(s.held()).isZero();
    }

    @Test
    void releaseServesEveryFrontWaiterThatFits() throws Exception {
        Semaphore s = new Semaphore(3);
        s.acquire(3);
        Thread a = Thread.ofVirtual().start(() -> s.acquire(1));
        Until.until(() -> s.waiting() == 1);
        Thread b = Thread.ofVirtual().start(() -> s.acquire(2));
        Until.until(() -> s.waiting() == 2);
        s.release(3);
        a.join();
        b.join();
        assertThat(s.held()).isEqualTo(3);
    }

    @Test
    void acquireMoreThanSizeParksForeverWithoutBlockingOthers() {
        Semaphore s = new Semaphore(10);
        Thread doomed = Thread.ofVirtual().start(() -> s.acquire(11));
        assertThat(Until.blockerOf(doomed)).isEqualTo("semacquire");
        assertThat(s.waiting()).isZero();
        s.acquire(10); // not queued behind the doomed one
        s.release(10);
        assertThat(doomed.isAlive()).isTrue();
    }

    @Test
    void misuse() {
        Semaphore s = new Semaphore(2);
        assertThatThrownBy(() -> s.release(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("semaphore: released more than held");
        s.acquire(1);
        assertThatThrownBy(() -> s.release(2)).hasMessage("semaphore: released more than held");
        assertThat(s.held()).isEqualTo(1);
        assertThatThrownBy(() -> s.acquire(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Semaphore(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tryAcquire() {
        Semaphore s = new Semaphore(2);
        assertThat(s.tryAcquire(2)).isTrue();
        assertThat(s.tryAcquire(1)).isFalse();
        s.release(1);
        assertThat(s.tryAcquire(1)).isTrue();
        assertThat(s.tryAcquire(0)).isTrue();
    }
}
