package go4j;

import static go4j.Goroutines.awaitReceivers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Select#value}: the select that yields the chosen case's result. One test per rule. */
@Timeout(30)
class SelectValueTest {

    @Test
    void yieldsWhatTheReadyReceiveCaseComputesFromItsValue() {
        Chan<Integer> a = Chan.make(1), b = Chan.make(1);
        b.send(9);
        String r = Select.value(
                Select.onRecv(a, v -> "a:" + v),
                Select.onRecv(b, v -> "b:" + v));
        assertThat(r).isEqualTo("b:9");
        assertThat(b.len()).isZero();
    }

    @Test
    void recvOkCaseSeesOkFalseOnceClosedAndDrained() {
        Chan<Integer> c = Chan.make(1);
        c.send(1);
        c.close();
        var first = Select.value(Select.onRecvOk(c, (v, ok) -> v + "/" + ok));
        var second = Select.value(Select.onRecvOk(c, (v, ok) -> v + "/" + ok));
        assertThat(first).isEqualTo("1/true");
        assertThat(second).isEqualTo("null/false");
    }

    @Test
    void sendCaseYieldsAfterItsValueIsSent() {
        Chan<Integer> full = Chan.make(1), room = Chan.make(1);
        full.send(0);
        int r = Select.value(
                Select.onSend(full, 1, () -> 10),
                Select.onSend(room, 2, () -> 20));
        assertThat(r).isEqualTo(20);
        assertThat(room.recv()).isEqualTo(2);
        assertThat(full.len()).isOne();
    }

    @Test
    void defaultYieldsWhenNothingIsReady() {
        Chan<Integer> empty = Chan.make();
        String r = Select.value(Select.onRecv(empty, v -> "got " + v), Select.onDefault(() -> "nothing"));
        assertThat(r).isEqualTo("nothing");
        String only = Select.value(Select.onDefault(() -> "only default"));
        assertThat(only).isEqualTo("only default");
    }

    @Test
    void timeoutYieldsWhenNoOtherCaseBecomesReady() {
        Chan<Integer> never = Chan.make();
        String r = Select.value(Select.onRecv(never, v -> "got " + v), Select.onTimeout(Duration.ofMillis(1), () -> "timeout"));
        assertThat(r).isEqualTo("timeout");
    }

    @Test
    void aReadyCaseWinsOverALongTimeout() {
        Chan<Integer> c = Chan.make(1);
        c.send(3);
        String r = Select.value(Select.onRecv(c, v -> "got " + v), Select.onTimeout(Duration.ofHours(1), () -> "timeout"));
        assertThat(r).isEqualTo("got 3");
    }

    @Test
    void waitsForACaseToBecomeReady() {
        Chan<String> c = Chan.make();
        Goroutines g = new Goroutines(1);
        g.go(() -> { awaitReceivers(c, 1); c.send("late"); });
        String r = Select.value(Select.onRecv(c, v -> v.toUpperCase()), Select.onRecv(Chan.<String>nil(), v -> "nil"));
        g.join();
        assertThat(r).isEqualTo("LATE");
    }

    @Test
    void picksAmongReadyCasesAtRandom() {
        Chan<Integer> a = Chan.make(1), b = Chan.make(1);
        Set<String> seen = new HashSet<>();
        var cases = new Select.ValueCase<?>[] {Select.onRecv(a, v -> "a"), Select.onRecv(b, v -> "b")};
        for (int i = 0; i < 200 && seen.size() < 2; i++) { // chance of one side 200 times in a row: 2^-199
            a.trySend(1);
            b.trySend(1);
            seen.add((String) Select.value(cases)); // cases are reusable
        }
        assertThat(seen).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void nilAndNullChannelCasesAreNeverChosen() {
        Chan<Integer> ready = Chan.make(1);
        for (int i = 0; i < 100; i++) {
            ready.send(i);
            String r = Select.value(
                    Select.onRecv(Chan.<Integer>nil(), v -> "nil"),
                    Select.onRecv((Chan<Integer>) null, v -> "null"),
                    Select.onSend(Chan.<Integer>nil(), 1, () -> "nil send"),
                    Select.onRecv(ready, v -> "ready"));
            assertThat(r).isEqualTo("ready");
        }
    }

    @Test
    void aFunctionMayYieldNullAndItsExceptionPropagatesAfterTheCommunication() {
        Chan<Integer> c = Chan.make(2);
        c.send(1);
        c.send(2);
        String none = Select.value(Select.onRecv(c, v -> null));
        assertThat(none).isNull();
        assertThatThrownBy(() -> Select.value(Select.onRecv(c, v -> { throw new IllegalStateException("boom " + v); })))
                .hasMessage("boom 2");
        assertThat(c.len()).isZero();
    }

    @Test
    void badCasesAreRefusedAsBySelect() {
        assertThatThrownBy(() -> Select.value(Select.onDefault(() -> 1), Select.onDefault(() -> 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("multiple defaults in select");
        assertThatThrownBy(() -> Select.onSend(Chan.make(), null, () -> 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Select.onRecv(Chan.make(), null)).isInstanceOf(NullPointerException.class);
        Chan<Integer> closed = Chan.make();
        closed.close();
        assertThatThrownBy(() -> Select.value(Select.onSend(closed, 1, () -> 1))).isInstanceOf(ChannelClosedException.class);
    }
}
