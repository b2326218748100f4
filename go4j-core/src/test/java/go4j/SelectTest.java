package go4j;

import static go4j.Until.until;
import static go4j.Goroutines.awaitReceivers;
import static go4j.Goroutines.awaitSenders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rules of {@link Select}, one test per rule. */
@Timeout(30)
class SelectTest {

    @Test
    void returnsTheIndexOfTheReadyCaseAndRunsItsCallbackWithTheValue() {
        Chan<Integer> a = Chan.make(1), b = Chan.make(1);
        b.send(9);
        AtomicReference<Object> got = new AtomicReference<>();
        int chosen = Select.select(
                Select.recv(a, v -> got.set("a" + v)),
                Select.recv(b, v -> got.set("b" + v)));
        assertThat(chosen).isEqualTo(1);
        assertThat(got.get()).isEqualTo("b9");
        assertThat(b.len()).isZero();
    }

    @Test
    void sendCaseDeliversItsValueThenRunsItsCallback() {
        Chan<Integer> full = Chan.make(1), room = Chan.make(1);
        full.send(0);
        AtomicInteger ran = new AtomicInteger();
        int chosen = Select.select(
                Select.send(full, 1, () -> ran.addAndGet(10)),
                Select.send(room, 2, ran::incrementAndGet));
        assertThat(chosen).isEqualTo(1);
        assertThat(ran.get()).isOne();
        assertThat(room.recv()).isEqualTo(2);
        assertThat(full.len()).isOne();
    }

    @Test
    void defaultNeverBlocks() {
        Chan<Integer> empty = Chan.make(), full = Chan.make(1);
        full.send(1);
        AtomicInteger defaults = new AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            int chosen = Select.select(
                    Select.recv(empty, v -> { throw new AssertionError("received " + v); }),
                    Select.send(full, 2, () -> { throw new AssertionError("sent"); }),
                    Select.send(empty, 3, () -> { throw new AssertionError("sent"); }),
                    Select.defaultCase(defaults::incrementAndGet));
            assertThat(chosen).isEqualTo(3);
        }
        assertThat(defaults.get()).isEqualTo(1000);
        assertThat(Select.select(Select.defaultCase(null))).isZero();
        assertThat(full.len()).isOne();
        assertThat(empty.waitingReceivers()).isZero();
        assertThat(empty.waitingSenders()).isZero();
    }

    @Test
    void multipleDefaultsAreRefused() {
        assertThatThrownBy(() -> Select.select(Select.defaultCase(null), Select.defaultCase(null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("multiple defaults in select");
    }

    @Test
    void nullChannelCasesAreNeverReady() {
        Chan<Integer> c = Chan.make(1);
        for (int i = 0; i < 100; i++) {
            c.send(i);
            int chosen = Select.select(
                    Select.recv(null, v -> { throw new AssertionError(); }),
                    Select.send(null, 1, () -> { throw new AssertionError(); }),
                    Select.recv(c, null));
            assertThat(chosen).isEqualTo(2);
        }
        assertThat(Select.select(Select.recv(null, null), Select.send(null, 1, null), Select.defaultCase(null)))
                .isEqualTo(2);
    }

    @Test
    void selectWithOnlyNullChannelsBlocksForever() {
        Thread t = Thread.ofVirtual().start(() -> Select.select(Select.recv(null, null)));
        until(() -> t.getState() == Thread.State.WAITING);
        assertThat(String.valueOf(LockSupport.getBlocker(t))).isEqualTo("select");
        t.interrupt(); // does not end it
        until(() -> t.getState() == Thread.State.WAITING && !t.isInterrupted());
        assertThat(t.isAlive()).isTrue();
    }

    @Test
    void emptySelectBlocksForever() {
        Thread t = Thread.ofVirtual().start(() -> Select.select());
        until(() -> t.getState() == Thread.State.WAITING);
        assertThat(String.valueOf(LockSupport.getBlocker(t))).isEqualTo("select (no cases)");
        assertThat(t.isAlive()).isTrue();
    }

    @Test
    void blockedSelectShowsItsWaitReasonAndUnlinksTheLosingCases() {
        Chan<Integer> a = Chan.make(), b = Chan.make(), c = Chan.make();
        AtomicReference<Thread> thread = new AtomicReference<>();
        AtomicReference<Integer> got = new AtomicReference<>();
        Goroutines g = new Goroutines(1);
        g.go(() -> {
            thread.set(Thread.currentThread());
            int chosen = Select.select(Select.recv(a, null), Select.recv(b, got::set), Select.send(c, 5, null));
            assertThat(chosen).isEqualTo(1);
        });
        awaitReceivers(a, 1);
        awaitReceivers(b, 1);
        awaitSenders(c, 1);
        until(() -> thread.get() != null && thread.get().getState() == Thread.State.WAITING);
        assertThat(String.valueOf(LockSupport.getBlocker(thread.get()))).isEqualTo("select");
        b.send(7);
        g.join();
        assertThat(got.get()).isEqualTo(7);
        assertThat(a.waitingReceivers()).isZero();
        assertThat(b.waitingReceivers()).isZero();
        assertThat(c.waitingSenders()).isZero();
    }

    @Test
    void receiveCaseOnClosedChannelIsReadyWithTheZeroValue() {
        Chan<Integer> open = Chan.make(), closed = Chan.make();
        closed.close();
        AtomicReference<String> got = new AtomicReference<>();
        int chosen = Select.select(
                Select.recv(open, null),
                Select.recvOk(closed, (v, ok) -> got.set(v + "/" + ok)));
        assertThat(chosen).isEqualTo(1);
        assertThat(got.get()).isEqualTo("null/false");
    }

    @Test
    void closeWakesABlockedSelect() {
        Chan<Integer> a = Chan.make(), b = Chan.make();
        AtomicReference<String> got = new AtomicReference<>();
        Goroutines g = new Goroutines(1);
        g.go(() -> assertThat(Select.select(
                Select.recv(a, null),
                Select.recvOk(b, (v, ok) -> got.set(v + "/" + ok)))).isEqualTo(1));
        awaitReceivers(b, 1);
        b.close();
        g.join();
        assertThat(got.get()).isEqualTo("null/false");
        assertThat(a.waitingReceivers()).isZero();
    }

    @Test
    void sendCaseOnClosedChannelThrows() {
        Chan<Integer> closed = Chan.make(1), other = Chan.make();
        closed.close();
        assertThatThrownBy(() -> Select.select(Select.send(closed, 1, null), Select.recv(other, null)))
                .isInstanceOf(ChannelClosedException.class);

        Chan<Integer> c = Chan.make(), d = Chan.make();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Goroutines g = new Goroutines(1);
        g.go(() -> {
            try {
                Select.select(Select.send(c, 1, null), Select.recv(d, null));
            } catch (ChannelClosedException e) {
                thrown.set(e);
            }
        });
        awaitSenders(c, 1);
        c.close();
        g.join();
        assertThat(thrown.get()).isInstanceOf(ChannelClosedException.class);
        assertThat(d.waitingReceivers()).isZero();
    }

    /** The select that lost never consumes: two racing senders, exactly one is taken. */
    @Test
    void aBlockedSelectTakesExactlyOneOfTwoOffers() {
        for (int round = 0; round < 500; round++) {
            Chan<Integer> a = Chan.make(), b = Chan.make();
            AtomicInteger got = new AtomicInteger();
            Goroutines g = new Goroutines(1);
            g.go(() -> Select.select(Select.recv(a, got::set), Select.recv(b, got::set)));
            awaitReceivers(a, 1);
            awaitReceivers(b, 1);
            boolean first = round % 2 == 0 ? a.trySend(1) : b.trySend(2);
            boolean second = round % 2 == 0 ? b.trySend(2) : a.trySend(1);
            g.join();
            assertThat(first).isTrue();
            assertThat(second).as("the losing case must not take a value").isFalse();
            assertThat(got.get()).isEqualTo(round % 2 == 0 ? 1 : 2);
        }
    }

    /** The select that lost never delivers: two racing receivers, exactly one gets a value. */
    @Test
    void aBlockedSelectDeliversExactlyOneOfTwoSends() {
        for (int round = 0; round < 500; round++) {
            Chan<Integer> a = Chan.make(), b = Chan.make();
            Goroutines g = new Goroutines(1);
            g.go(() -> Select.select(Select.send(a, 1, null), Select.send(b, 2, null)));
            awaitSenders(a, 1);
            awaitSenders(b, 1);
            Chan.Received<Integer> x = a.tryRecv(), y = b.tryRecv();
            g.join();
            assertThat((x == null ? 0 : 1) + (y == null ? 0 : 1)).as("values delivered").isOne();
        }
    }

    @Test
    void atomicUnderContention() {
        // 4 producers send on a and b; 4 consumers select over both; sums and counts must match.
        Chan<Long> a = Chan.make(), b = Chan.make(1);
        int producers = 4, consumers = 4, perProducer = 5_000;
        AtomicLong received = new AtomicLong(), receivedSum = new AtomicLong();
        Goroutines prod = new Goroutines(producers), cons = new Goroutines(consumers);
        for (int p = 0; p < producers; p++) {
            int me = p;
            prod.go(() -> {
                for (long i = 0; i < perProducer; i++) {
                    long v = me * 1_000_000L + i;
                    // Even values via a select offering both channels, odd ones by plain sends.
                    if (i % 2 == 0) Select.select(Select.send(a, v, null), Select.send(b, v, null));
                    else (i % 4 == 1 ? a : b).send(v);
                }
            });
        }
        for (int k = 0; k < consumers; k++) {
            cons.go(() -> {
                @SuppressWarnings({"unchecked", "rawtypes"}) Chan<Long>[] cs = new Chan[] {a, b};
                while (cs[0] != null || cs[1] != null) {
                    Select.select(
                            Select.recvOk(cs[0], (v, ok) -> {
                                if (ok) { received.incrementAndGet(); receivedSum.addAndGet(v); } else cs[0] = null;
                            }),
                            Select.recvOk(cs[1], (v, ok) -> {
                                if (ok) { received.incrementAndGet(); receivedSum.addAndGet(v); } else cs[1] = null;
                            }));
                }
            });
        }
        prod.join();
        a.close();
        b.close();
        cons.join();
        long expectedSum = 0;
        for (int p = 0; p < producers; p++) for (long i = 0; i < perProducer; i++) expectedSum += p * 1_000_000L + i;
        assertThat(received.get()).isEqualTo((long) producers * perProducer);
        assertThat(receivedSum.get()).isEqualTo(expectedSum);
        a.checkInvariants();
        b.checkInvariants();
    }

    @Test
    void sameChannelInSeveralCases() {
        Chan<Integer> c = Chan.make(1);
        int[] hits = new int[3];
        for (int i = 0; i < 300; i++) {
            c.send(i);
            int chosen = Select.select(Select.recv(c, null), Select.recv(c, null), Select.recv(c, null));
            hits[chosen]++;
            assertThat(c.len()).isZero();
        }
        assertThat(hits).doesNotContain(0); // random among them (p of a miss ~ 3 * (2/3)^300)

        // Blocking: one send fires exactly one of the cases and leaves no entry behind.
        Chan<Integer> u = Chan.make();
        AtomicInteger fired = new AtomicInteger();
        Goroutines g = new Goroutines(1);
        g.go(() -> Select.select(
                Select.recv(u, v -> fired.incrementAndGet()),
                Select.recv(u, v -> fired.incrementAndGet()),
                Select.send(u, 1, () -> { throw new AssertionError("self send"); })));
        awaitReceivers(u, 2);
        u.send(5);
        g.join();
        assertThat(fired.get()).isOne();
        assertThat(u.waitingReceivers()).isZero();
        assertThat(u.waitingSenders()).isZero();
    }

    @Test
    void selectFairnessChiSquare() {
        // 4 always-ready channels: each holds more values than there are selects.
        int n = 100_000, k = 4;
        Integer one = 1;
        @SuppressWarnings({"unchecked", "rawtypes"}) Chan<Integer>[] cs = new Chan[k];
        for (int i = 0; i < k; i++) {
            cs[i] = Chan.make(n);
            for (int j = 0; j < n; j++) cs[i].send(one);
        }
        Select.Case[] cases = new Select.Case[k];
        for (int i = 0; i < k; i++) cases[i] = Select.recv(cs[i], null);
        long[] hits = new long[k];
        for (int i = 0; i < n; i++) hits[Select.select(cases)]++;
        double expected = (double) n / k, chi2 = 0;
        for (long h : hits) chi2 += (h - expected) * (h - expected) / expected;
        // 3 degrees of freedom; P(chi2 > 30.66) = 1e-6 for a uniform choice.
        assertThat(chi2).as("hits %s", java.util.Arrays.toString(hits)).isLessThan(30.66);
    }
}
