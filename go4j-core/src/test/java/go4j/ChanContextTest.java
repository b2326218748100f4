package go4j;

import static go4j.Until.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import go4j.context.CancelableContext;
import go4j.context.Context;
import go4j.context.ContextException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Chan#send(Context, Object)}, {@link Chan#recv(Context)}, {@link Chan#recvOk(Context)}. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChanContextTest {

    /** Waits for a condition another goroutine makes true; the @Timeout bounds it. */

    /** Runs {@code body} in a goroutine; the channel gets what it threw, or "returned". */
    private static Chan<Object> outcome(Runnable body) {
        Chan<Object> out = Chan.make(1);
        Go.go(() -> {
            try {
                body.run();
                out.send("returned");
            } catch (Throwable t) {
                out.send(t);
            }
        });
        return out;
    }

    @Test
    void blockedRecvWakesWithTheErrorOnCancel() {
        Chan<String> ch = Chan.make();
        CancelableContext ctx = Context.withCancel(Context.background());
        Chan<Object> out = outcome(() -> ch.recv(ctx));
        until(() -> ch.waitingReceivers() == 1);
        ctx.cancel();
        assertThat(out.recv()).isSameAs(Context.CANCELED);
        assertThat(ch.waitingReceivers()).as("the select unlinked its entry").isZero();
        assertThat(ch.trySend("late")).as("nobody receives any more").isFalse();
    }

    @Test
    void blockedSendWakesWithTheErrorOnDeadline() {
        Chan<String> ch = Chan.make();
        CancelableContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(5));
        Chan<Object> out = outcome(() -> ch.send(ctx, "v"));
        assertThat(out.recv()).isSameAs(Context.DEADLINE_EXCEEDED);
        assertThat(ch.waitingSenders()).isZero();
        assertThat(ch.tryRecv()).as("the value was not sent").isNull();
    }

    @Test
    void liveContextSendsAndReceives() {
        Chan<String> ch = Chan.make();
        CancelableContext ctx = Context.withCancel(Context.background());
        Chan<Object> out = outcome(() -> ch.send(ctx, "hello"));
        assertThat(ch.recv(ctx)).isEqualTo("hello");
        assertThat(out.recv()).isEqualTo("returned");
        Chan<Integer> buffered = Chan.make(1);
        buffered.send(ctx, 7);
        assertThat(buffered.recvOk(ctx)).isEqualTo(new Chan.Received<>(7, true));
        buffered.close();
        assertThat(buffered.recv(ctx)).as("closed and drained: the zero value").isNull();
        assertThat(buffered.recvOk(ctx)).isEqualTo(new Chan.Received<>(null, false));
        ctx.cancel();
    }

    @Test
    void aDoneContextFailsAtOnceEvenIfTheChannelIsReady() {
        Chan<String> ch = Chan.make(1);
        ch.send("kept");
        CancelableContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        assertThatThrownBy(() -> ch.recv(ctx)).isSameAs(Context.CANCELED);
        assertThatThrownBy(() -> ch.recvOk(ctx)).isSameAs(Context.CANCELED);
        assertThat(ch.len()).as("nothing consumed").isEqualTo(1);
        Chan<String> room = Chan.make(1);
        assertThatThrownBy(() -> room.send(ctx, "x")).isInstanceOf(ContextException.class);
        assertThat(room.len()).as("nothing sent").isZero();
    }

    @Test
    void neverCancelledContextIsAPlainOperation() {
        Chan<String> ch = Chan.make(1);
        Context bg = Context.withoutCancel(Context.withValue(Context.background(), Context.key("k"), "v"));
        ch.send(bg, "a");
        assertThat(ch.recv(bg)).isEqualTo("a");
        Chan<Object> out = outcome(() -> ch.recv(Context.background()));
        until(() -> ch.waitingReceivers() == 1);
        ch.send("b");
        assertThat(out.recv()).isEqualTo("returned");
    }

    @Test
    void sendOnClosedChannelStillThrowsChannelClosed() {
        Chan<String> ch = Chan.make();
        ch.close();
        CancelableContext ctx = Context.withCancel(Context.background());
        assertThatThrownBy(() -> ch.send(ctx, "x")).isInstanceOf(ChannelClosedException.class);
        assertThatThrownBy(() -> ch.send(ctx, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ch.recv((Context) null)).isInstanceOf(NullPointerException.class);
        ctx.cancel();
    }

    /** Cancellation racing with communication: every value is either delivered or reported as not sent. */
    @Test
    void noValueIsLostOrDuplicatedWhenCancelRaces() {
        for (int round = 0; round < 2_000; round++) {
            Chan<Integer> ch = Chan.make();
            CancelableContext ctx = Context.withCancel(Context.background());
            Chan<Object> sent = outcome(() -> ch.send(ctx, 1));
            Chan<Object> received = Chan.make(1);
            Go.go(() -> {
                try {
                    received.send(ch.recv(ctx));
                } catch (ContextException e) {
                    received.send(e);
                }
            });
            ctx.cancel();
            Object s = sent.recv(), r = received.recv();
            if (s.equals("returned")) assertThat(r).isEqualTo(1);
            else assertThat(r).isSameAs(Context.CANCELED);
        }
    }
}
