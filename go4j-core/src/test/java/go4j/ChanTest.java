package go4j;

import static go4j.Until.until;
import static go4j.Goroutines.awaitReceivers;
import static go4j.Goroutines.awaitSenders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of {@link Chan}, one test per rule. */
@Timeout(20)
class ChanTest {

    @Test
    void makeGivesEmptyChannelsOfTheRequestedCapacity() {
        Chan<Integer> unbuffered = Chan.make();
        Chan<Integer> buffered = Chan.make(7);
        assertThat(unbuffered.cap()).isZero();
        assertThat(unbuffered.len()).isZero();
        assertThat(buffered.cap()).isEqualTo(7);
        assertThat(buffered.len()).isZero();
        assertThat(Chan.<Integer>make(0).cap()).isZero();
    }

    @Test
    void negativeCapacityIsRefused() {
        assertThatThrownBy(() -> Chan.make(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("makechan: size out of range");
    }

    @Test
    void aCapacityTheJvmCannotHoldIsRefusedInGosWords() {
        for (int capacity : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 8, (int) Math.min(Integer.MAX_VALUE - 9, Runtime.getRuntime().maxMemory() / 4 + 1)}) {
            assertThatThrownBy(() -> Chan.make(capacity)).as("capacity %d", capacity)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("makechan: size out of range");
        }
    }

    @Test
    void nullIsNeverSent() {
        Chan<Integer> c = Chan.make(1);
        assertThatThrownBy(() -> c.send(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> c.trySend(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Select.send(c, null, null)).isInstanceOf(NullPointerException.class);
        assertThat(c.len()).isZero();
    }

    @Test
    void bufferedValuesComeOutInOrder() {
        Chan<Integer> c = Chan.make(5);
        for (int i = 0; i < 5; i++) c.send(i);
        assertThat(c.len()).isEqualTo(5);
        for (int round = 0; round < 3; round++) { // wrap the ring around
            for (int i = 0; i < 3; i++) assertThat(c.recv()).isEqualTo(round * 3 + i);
            for (int i = 0; i < 3; i++) c.send(5 + round * 3 + i);
        }
        List<Integer> rest = new ArrayList<>();
        while (c.len() > 0) rest.add(c.recv());
        assertThat(rest).containsExactly(9, 10, 11, 12, 13);
    }

    @Test
    void sendToParkedReceiverHandsTheValueDirectly() {
        Chan<String> c = Chan.make();
        AtomicReference<String> got = new AtomicReference<>();
        Goroutines g = new Goroutines(1);
        g.go(() -> got.set(c.recv()));
        awaitReceivers(c, 1);
        c.send("hello"); // returns only once the receiver has the value
        assertThat(c.len()).isZero();
        assertThat(c.waitingReceivers()).isZero();
        g.join();
        assertThat(got.get()).isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void blockedReceiversAreServedFirstComeFirstServed(int capacity) {
        Chan<Integer> c = Chan.make(capacity);
        int n = 10;
        int[] got = new int[n];
        Goroutines g = new Goroutines(n);
        for (int i = 0; i < n; i++) {
            int me = i;
            g.go(() -> got[me] = c.recv());
            awaitReceivers(c, i + 1); // receiver i is parked before receiver i+1 starts
        }
        for (int i = 0; i < n; i++) c.send(100 + i);
        g.join();
        for (int i = 0; i < n; i++) assertThat(got[i]).as("receiver %d", i).isEqualTo(100 + i);
        c.checkInvariants();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void blockedSendersAreServedFirstComeFirstServedBehindTheBuffer(int capacity) {
        Chan<Integer> c = Chan.make(capacity);
        for (int i = 0; i < capacity; i++) c.send(i);
        int n = 10;
        Goroutines g = new Goroutines(n);
        for (int i = 0; i < n; i++) {
            int v = capacity + i;
            g.go(() -> c.send(v));
            awaitSenders(c, i + 1);
        }
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < capacity + n; i++) {
            got.add(c.recv());
            c.checkInvariants();
            // A receive from a full buffer moves the oldest waiting sender's value into it.
            if (capacity > 0 && i < n) assertThat(c.len()).isEqualTo(capacity);
        }
        g.join();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < capacity + n; i++) expected.add(i);
        assertThat(got).isEqualTo(expected);
        assertThat(c.len()).isZero();
    }

    @Test
    void trySendSucceedsOnlyWhenNoWaitIsNeeded() {
        Chan<Integer> unbuffered = Chan.make();
        assertThat(unbuffered.trySend(1)).isFalse();
        AtomicReference<Integer> got = new AtomicReference<>();
        Goroutines g = new Goroutines(1);
        g.go(() -> got.set(unbuffered.recv()));
        awaitReceivers(unbuffered, 1);
        assertThat(unbuffered.trySend(2)).isTrue();
        g.join();
        assertThat(got.get()).isEqualTo(2);

        Chan<Integer> buffered = Chan.make(1);
        assertThat(buffered.trySend(3)).isTrue();
        assertThat(buffered.trySend(4)).isFalse();
        assertThat(buffered.recv()).isEqualTo(3);
        assertThat(buffered.len()).isZero();
    }

    @Test
    void tryRecvReturnsNullWhenItWouldBlock() {
        Chan<Integer> buffered = Chan.make(2);
        assertThat(buffered.tryRecv()).isNull();
        buffered.send(5);
        assertThat(buffered.tryRecv()).isEqualTo(new Chan.Received<>(5, true));
        assertThat(buffered.tryRecv()).isNull();
        buffered.close();
        assertThat(buffered.tryRecv()).isEqualTo(new Chan.Received<>(null, false));

        Chan<Integer> unbuffered = Chan.make();
        assertThat(unbuffered.tryRecv()).isNull();
        Goroutines g = new Goroutines(1);
        g.go(() -> unbuffered.send(6));
        awaitSenders(unbuffered, 1);
        assertThat(unbuffered.tryRecv()).isEqualTo(new Chan.Received<>(6, true));
        g.join();
    }

    @Test
    void nonBlockingOperationsAnswerWithoutTheLockWhenTheAnswerIsKnown() throws Exception {
        Chan<Integer> empty = Chan.make(1);
        Chan<Integer> full = Chan.make(1);
        full.send(1);
        Chan<Integer> unbuffered = Chan.make();
        CountDownLatch locked = new CountDownLatch(1), release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            empty.lock.lock();
            full.lock.lock();
            unbuffered.lock.lock();
            locked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            } finally {
                unbuffered.lock.unlock();
                full.lock.unlock();
                empty.lock.unlock();
            }
        });
        locked.await();
        try {
            // Each of these would hang on the held lock if it took it.
            assertThat(empty.tryRecv()).isNull();
            assertThat(full.trySend(2)).isFalse();
            assertThat(unbuffered.tryRecv()).isNull();
            assertThat(unbuffered.trySend(3)).isFalse();
            assertThat(Select.select(Select.recv(empty, null), Select.defaultCase(null))).isEqualTo(1);
            assertThat(Select.select(Select.send(full, 4, null), Select.defaultCase(null))).isEqualTo(1);
            assertThat(empty.len()).isZero();
            assertThat(full.len()).isOne();
        } finally {
            release.countDown();
            holder.join();
        }
    }

    @Test
    void closeOfClosedChannelThrows() {
        Chan<Integer> c = Chan.make();
        c.close();
        assertThatThrownBy(c::close)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("close of closed channel");
    }

    @Test
    void sendOnClosedChannelThrows() {
        Chan<Integer> c = Chan.make(3);
        c.close();
        assertThatThrownBy(() -> c.send(1))
                .isInstanceOf(ChannelClosedException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("send on closed channel");
        assertThatThrownBy(() -> c.trySend(1)).isInstanceOf(ChannelClosedException.class);
        assertThat(c.len()).isZero();
    }

    @Test
    void closedChannelDrainsItsBufferThenGivesTheZeroValue() {
        Chan<Integer> c = Chan.make(3);
        c.send(1);
        c.send(2);
        c.close();
        assertThat(c.recv()).isEqualTo(1);
        assertThat(c.recvOk()).isEqualTo(new Chan.Received<>(2, true));
        assertThat(c.recv()).isNull();
        assertThat(c.recvOk()).isEqualTo(new Chan.Received<>(null, false));
        assertThat(c.len()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4})
    void closeWakesEveryBlockedReceiver(int capacity) {
        Chan<Integer> c = Chan.make(capacity);
        int n = 10;
        List<Chan.Received<Integer>> got = java.util.Collections.synchronizedList(new ArrayList<>());
        Goroutines g = new Goroutines(n);
        for (int i = 0; i < n; i++) g.go(() -> got.add(c.recvOk()));
        awaitReceivers(c, n);
        c.close();
        g.join();
        assertThat(got).hasSize(n).allMatch(r -> !r.ok() && r.value() == null);
        c.checkInvariants();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void closeMakesEveryBlockedSenderThrowAndKeepsTheBuffer(int capacity) {
        Chan<Integer> c = Chan.make(capacity);
        for (int i = 0; i < capacity; i++) c.send(i);
        int n = 10;
        AtomicInteger thrown = new AtomicInteger();
        Goroutines g = new Goroutines(n);
        for (int i = 0; i < n; i++) {
            int v = 100 + i;
            g.go(() -> {
                try {
                    c.send(v);
                } catch (ChannelClosedException e) {
                    thrown.incrementAndGet();
                }
            });
        }
        awaitSenders(c, n);
        c.close();
        g.join();
        assertThat(thrown.get()).isEqualTo(n);
        for (int i = 0; i < capacity; i++) assertThat(c.recv()).isEqualTo(i);
        assertThat(c.recvOk().ok()).isFalse();
        c.checkInvariants();
    }

    @Test
    void lenCountsBufferedValues() {
        Chan<Integer> c = Chan.make(4);
        for (int i = 1; i <= 4; i++) {
            c.send(i);
            assertThat(c.len()).isEqualTo(i);
        }
        c.recv();
        assertThat(c.len()).isEqualTo(3);
        assertThat(c.cap()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10})
    void rangeEndsWhenClosedAndDrained(int capacity) {
        Chan<Integer> c = Chan.make(capacity);
        Go.go(() -> {
            for (int i = 0; i < 100; i++) c.send(i);
            c.close();
        });
        List<Integer> got = new ArrayList<>();
        for (int v : c) got.add(v);
        assertThat(got).hasSize(100);
        for (int i = 0; i < 100; i++) assertThat(got.get(i)).isEqualTo(i);
        var it = c.iterator();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void voidChannelSignalsByClosing() {
        Chan<Void> done = Chan.make();
        assertThat(done.tryRecv()).isNull();
        int n = 5;
        AtomicInteger woken = new AtomicInteger();
        Goroutines g = new Goroutines(n);
        for (int i = 0; i < n; i++) {
            g.go(() -> {
                assertThat(done.recv()).isNull();
                assertThat(done.recvOk().ok()).isFalse();
                woken.incrementAndGet();
            });
        }
        awaitReceivers(done, n);
        assertThat(woken.get()).isZero();
        done.close();
        g.join();
        assertThat(woken.get()).isEqualTo(n);
        assertThat(done.tryRecv()).isEqualTo(new Chan.Received<Void>(null, false));
    }

    @Test
    void worksBetweenPlatformThreadsAndGoroutines() throws Exception {
        Chan<Integer> toPlatform = Chan.make(), toGoroutine = Chan.make();
        Thread platform = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 1000; i++) toGoroutine.send(toPlatform.recv() + 1);
        });
        Go.run(() -> {
            int v = 0;
            for (int i = 0; i < 1000; i++) {
                toPlatform.send(v);
                v = toGoroutine.recv() + 1;
            }
            assertThat(v).isEqualTo(2000);
        });
        platform.join();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void interruptLeavesABlockedReceiverWaitingAndKeepsTheStatus(boolean virtual) throws Exception {
        Chan<Integer> c = Chan.make();
        AtomicReference<Integer> got = new AtomicReference<>();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Runnable body = () -> {
            got.set(c.recv());
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        };
        Thread t = virtual ? Thread.ofVirtual().start(body) : Thread.ofPlatform().start(body);
        awaitReceivers(c, 1);
        t.interrupt();
        // Still queued, and parked again rather than spinning on the interrupt.
        until(() -> t.getState() == Thread.State.WAITING && !t.isInterrupted());
        assertThat(c.waitingReceivers()).isOne();
        c.send(42); // unbuffered: returns only if the receiver is still there to take it
        t.join();
        assertThat(got.get()).isEqualTo(42);
        assertThat(interruptedAfter.get()).isTrue();
        c.checkInvariants();
    }

    @Test
    void interruptLeavesABlockedSenderWaiting() throws Exception {
        Chan<Integer> c = Chan.make();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread t = Thread.ofVirtual().start(() -> {
            c.send(7);
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        awaitSenders(c, 1);
        t.interrupt();
        until(() -> t.getState() == Thread.State.WAITING && !t.isInterrupted());
        assertThat(c.recv()).isEqualTo(7);
        t.join();
        assertThat(interruptedAfter.get()).isTrue();
    }

    @Test
    void blockedGoroutinesShowGosWaitReason() {
        Chan<Integer> c = Chan.make();
        Chan<Integer> d = Chan.make();
        Thread[] threads = new Thread[2];
        Goroutines g = new Goroutines(2);
        CountDownLatch started = new CountDownLatch(2);
        g.go(() -> {
            threads[0] = Thread.currentThread();
            started.countDown();
            c.recv();
        });
        g.go(() -> {
            threads[1] = Thread.currentThread();
            started.countDown();
            d.send(1);
        });
        awaitReceivers(c, 1);
        awaitSenders(d, 1);
        until(() -> started.getCount() == 0);
        assertThat(String.valueOf(LockSupport.getBlocker(threads[0]))).isEqualTo("chan receive");
        assertThat(String.valueOf(LockSupport.getBlocker(threads[1]))).isEqualTo("chan send");
        c.send(1);
        d.recv();
        g.join();
    }

    @Test
    void waitersHoldNoReferenceToTheirChannel() {
        for (Class<?> node : List.of(go4j.runtime.Sudog.class, go4j.runtime.SelectWaiter.class)) {
            for (Field f : node.getDeclaredFields()) {
                assertThat(f.getType()).as("%s.%s", node.getSimpleName(), f.getName())
                        .isNotIn(Chan.class, go4j.runtime.WaitQueue.class, Object[].class, go4j.sync.Mutex.class, go4j.sync.Semaphore.class);
            }
        }
    }
}
