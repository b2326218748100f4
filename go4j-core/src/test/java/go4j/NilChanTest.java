package go4j;

import static go4j.Until.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import go4j.context.Context;
import go4j.context.ContextException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Go's nil channel, {@link Chan#nil()}: never ready. One test per rule. */
@Timeout(60)
class NilChanTest {

    /** Starts {@code body} on a virtual thread and waits until it parks; returns the thread. */
    private static Thread parked(Runnable body) {
        Thread t = Thread.ofVirtual().start(body);
        until(() -> t.getState() == Thread.State.WAITING);
        return t;
    }

    @Test
    void isOneValueWhateverItsTypeAndSaysSo() {
        Chan<String> s = Chan.nil();
        Chan<Integer> i = Chan.nil();
        assertThat((Object) s).isSameAs(i);
        assertThat(s.isNil()).isTrue();
        assertThat(Chan.make().isNil()).isFalse();
        assertThat(s).hasToString("Chan(nil)");
    }

    @Test
    void sendBlocksForeverWithGosWaitReason() {
        Thread t = parked(() -> Chan.<Integer>nil().send(1));
        assertThat(String.valueOf(LockSupport.getBlocker(t))).isEqualTo("chan send (nil chan)");
        t.interrupt(); // Go has no interrupts: it parks again
        until(() -> t.getState() == Thread.State.WAITING && !t.isInterrupted());
        assertThat(t.isAlive()).isTrue();
    }

    @Test
    void recvRecvOkAndIterationBlockForeverWithGosWaitReason() {
        Chan<Integer> nil = Chan.nil();
        List<Runnable> receives = List.of(nil::recv, nil::recvOk, () -> nil.iterator().hasNext());
        for (Runnable r : receives) {
            Thread t = parked(r);
            assertThat(String.valueOf(LockSupport.getBlocker(t))).isEqualTo("chan receive (nil chan)");
            assertThat(t.isAlive()).isTrue();
        }
    }

    @Test
    void aSenderAndAReceiverOnTheNilChannelNeverMeet() {
        Chan<Integer> nil = Chan.nil();
        Thread receiver = parked(nil::recv);
        Thread sender = parked(() -> nil.send(7));
        assertThat(String.valueOf(LockSupport.getBlocker(receiver))).isEqualTo("chan receive (nil chan)");
        assertThat(String.valueOf(LockSupport.getBlocker(sender))).isEqualTo("chan send (nil chan)");
        assertThat(nil.waitingReceivers()).isZero();
        assertThat(nil.waitingSenders()).isZero();
    }

    @Test
    void closeThrowsGosMessage() {
        assertThatThrownBy(() -> Chan.nil().close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("close of nil channel");
    }

    @Test
    void lenAndCapAreZero() {
        assertThat(Chan.nil().len()).isZero();
        assertThat(Chan.nil().cap()).isZero();
    }

    @Test
    void trySendAndTryRecvReportNotReady() {
        Chan<Integer> nil = Chan.nil();
        assertThat(nil.trySend(1)).isFalse();
        assertThat(nil.tryRecv()).isNull();
        assertThatThrownBy(() -> nil.trySend(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aSelectSkipsItsCasesAsForANullChannel() {
        Chan<Integer> nil = Chan.nil(), ready = Chan.make(1);
        ready.send(5);
        AtomicReference<Integer> got = new AtomicReference<>();
        for (int i = 0; i < 100; i++) { // a random pick among ready cases would choose a nil case at times
            if (i > 0) ready.send(5);
            int chosen = Select.select(
                    Select.recv(nil, v -> { throw new AssertionError("received on nil"); }),
                    Select.send(nil, 1, () -> { throw new AssertionError("sent on nil"); }),
                    Select.recv(ready, got::set));
            assertThat(chosen).isEqualTo(2);
            assertThat(got.get()).isEqualTo(5);
        }
        assertThat(Select.select(Select.recv(nil, null), Select.defaultCase(null))).isEqualTo(1);
    }

    @Test
    void aSelectOnNilChannelsOnlyBlocksForever() {
        Chan<Integer> nil = Chan.nil();
        Thread t = parked(() -> Select.select(Select.recv(nil, null), Select.send(nil, 1, null)));
        assertThat(String.valueOf(LockSupport.getBlocker(t))).isEqualTo("select"); // Go's wording too: it has cases
        assertThat(t.isAlive()).isTrue();
    }

    @Test
    void contextOperationsOnItWaitUntilTheContextIsDone() throws InterruptedException {
        Chan<Integer> nil = Chan.nil();
        for (boolean send : new boolean[] {false, true}) {
            var ctx = Context.withCancel(Context.background());
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread t = parked(() -> {
                try {
                    if (send) nil.send(ctx, 1);
                    else nil.recv(ctx);
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            assertThat(thrown.get()).isNull();
            ctx.cancel();
            t.join();
            assertThat(thrown.get()).isInstanceOf(ContextException.class).hasMessage("context canceled");
        }
    }

    @Test
    void aGoroutineBlockedOnItForeverIsReportedAsLeaked() {
        Go.go(() -> Chan.<String>nil().send("lost"));
        Go.go(() -> Chan.<String>nil().recv());
        until(() -> leakedOn("chan send (nil chan)") && leakedOn("chan receive (nil chan)"));
    }

    private static boolean leakedOn(String reason) {
        return Go.leaks().stream().anyMatch(l -> l.waitReason().equals(reason)
                && l.createdBy().contains("NilChanTest.aGoroutineBlockedOnItForeverIsReportedAsLeaked"));
    }
}
