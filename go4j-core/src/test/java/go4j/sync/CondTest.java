package go4j.sync;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.Until;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CondTest {

    /** signal wakes waiters in the order they called await (the notify list's tickets). */
    @Test
    void signalWakesInFifoOrder() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        int n = 20;
        List<Integer> arrival = new ArrayList<>(); // guarded by m
        BlockingQueue<Integer> woken = new LinkedBlockingQueue<>();
        WaitGroup arrived = new WaitGroup();
        arrived.add(n);
        for (int i = 0; i < n; i++) {
            int id = i;
            Thread.ofVirtual().start(() -> {
                m.lock();
                arrival.add(id);
                arrived.done();
                c.await();
                woken.add(id);
                m.unlock();
            });
        }
        arrived.await();
        m.lock(); // every waiter has released m inside await, so each holds a ticket
        List<Integer> expected = new ArrayList<>(arrival);
        m.unlock();
        for (int k = 0; k < n; k++) {
            c.signal();
            assertThat(woken.take()).as("wake-up #%d", k).isEqualTo(expected.get(k));
        }
        assertThat(woken).isEmpty();
    }

    @Test
    void broadcastWakesEveryWaiter() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        boolean[] ready = {false};
        AtomicInteger done = new AtomicInteger();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ts.add(Thread.ofVirtual().start(() -> {
                m.lock();
                while (!ready[0]) c.await();
                m.unlock();
                done.incrementAndGet();
            }));
        }
        Until.until(() -> c.parked() == 50);
        assertThat(done.get()).isZero();
        m.lock();
        ready[0] = true;
        c.broadcast();
        m.unlock();
        for (Thread t : ts) t.join();
        assertThat(done.get()).isEqualTo(50);
    }

    @Test
    void signalWithoutWaitersIsNotRemembered() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        c.signal();
        c.broadcast();
        Thread t = Thread.ofVirtual().start(() -> {
            m.lock();
            c.await();
            m.unlock();
        });
        assertThat(Until.blockerOf(t)).isEqualTo("sync.Cond.Wait");
        Until.until(() -> c.parked() == 1);
        c.signal();
        t.join();
    }

    /** A bounded buffer with two Conds: no lost wake-ups under contention. */
    @Test
    void producersAndConsumersLoseNoWakeups() {
        Mutex m = new Mutex();
        Cond notEmpty = new Cond(m);
        Cond notFull = new Cond(m);
        ArrayDeque<Integer> buf = new ArrayDeque<>();
        int producers = 8, consumers = 8, perProducer = 1_000, cap = 4;
        AtomicInteger sum = new AtomicInteger();
        WaitGroup wg = new WaitGroup();
        for (int p = 0; p < producers; p++) {
            wg.go(() -> {
                for (int i = 1; i <= perProducer; i++) {
                    m.lock();
                    while (buf.size() == cap) notFull.await();
                    buf.add(i);
                    notEmpty.signal();
                    m.unlock();
                }
            });
        }
        int perConsumer = producers * perProducer / consumers;
        for (int q = 0; q < consumers; q++) {
            wg.go(() -> {
                for (int i = 0; i < perConsumer; i++) {
                    m.lock();
                    while (buf.isEmpty()) notEmpty.await();
                    sum.addAndGet(buf.remove());
                    notFull.signal();
                    m.unlock();
                }
            });
        }
        wg.await();
        assertThat(sum.get()).isEqualTo(producers * perProducer * (perProducer + 1) / 2);
    }

    @Test
    void worksWithRLocker() throws Exception {
        RWMutex rw = new RWMutex();
        Cond c = new Cond(rw.rLocker());
        Thread t = Thread.ofVirtual().start(() -> {
            rw.rLock();
            c.await();
            rw.rUnlock();
        });
        Until.until(() -> c.parked() == 1);
        assertThat(rw.tryLock()).as("the waiter released its read lock").isTrue();
        rw.unlock();
        c.signal();
        t.join();
    }
}
