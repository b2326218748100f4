package go4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import go4j.Chan;
import go4j.Go;
import go4j.Until;
import go4j.context.CancelableContext;
import go4j.context.Context;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Semaphore#acquire(Context, long)}: x/sync's Acquire(ctx, n). */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SemaphoreContextTest {

    /** Runs {@code body} in a goroutine; the channel gets what it threw, or "acquired". */
    private static Chan<Object> outcome(Runnable body) {
        Chan<Object> out = Chan.make(1);
        Go.go(() -> {
            try {
                body.run();
                out.send("acquired");
            } catch (Throwable t) {
                out.send(t);
            }
        });
        return out;
    }

    @Test
    void freeUnitsAreAcquiredWithALiveContext() {
        Semaphore s = new Semaphore(3);
        CancelableContext ctx = Context.withCancel(Context.background());
        s.acquire(ctx, 2);
        s.acquire(Context.background(), 1);
        assertThat(s.held()).isEqualTo(3);
        ctx.cancel();
    }

    @Test
    void aDoneContextFailsEvenWhenUnitsAreFree() {
        Semaphore s = new Semaphore(3);
        CancelableContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        assertThatThrownBy(() -> s.acquire(ctx, 1)).isSameAs(Context.CANCELED);
        assertThat(s.held()).isZero();
    }

    @Test
    void cancelWhileWaitingRemovesTheWaiterAndThrows() {
        Semaphore s = new Semaphore(2);
        s.acquire(2);
        CancelableContext ctx = Context.withCancel(Context.background());
        Chan<Object> out = outcome(() -> s.acquire(ctx, 1));
        Until.until(() -> s.waiting() == 1);
        ctx.cancel();
        assertThat(out.recv()).isSameAs(Context.CANCELED);
        assertThat(s.waiting()).isZero();
        assertThat(s.held()).isEqualTo(2);
        s.release(2);
        assertThat(s.tryAcquire(2)).as("nothing leaked to the cancelled waiter").isTrue();
    }

    @Test
    void deadlineWhileWaitingThrowsDeadlineExceeded() {
        Semaphore s = new Semaphore(1);
        s.acquire(1);
        CancelableContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(5));
        Chan<Object> out = outcome(() -> s.acquire(ctx, 1));
        assertThat(out.recv()).isSameAs(Context.DEADLINE_EXCEEDED);
        assertThat(s.waiting()).isZero();
        assertThat(s.held()).isEqualTo(1);
    }

    /** A large waiter at the front gives up: the smaller ones behind it that fit are served. */
    @Test
    void cancellingTheFrontWaiterServesTheOnesBehind() {
        Semaphore s = new Semaphore(10);
        s.acquire(5);
        CancelableContext ctx = Context.withCancel(Context.background());
        Chan<Object> large = outcome(() -> s.acquire(ctx, 10));
        Until.until(() -> s.waiting() == 1);
        Chan<Object> small = outcome(() -> s.acquire(3));
        Until.until(() -> s.waiting() == 2);
        assertThat(small.tryRecv()).as("queued behind the large one").isNull();
        ctx.cancel();
        assertThat(large.recv()).isSameAs(Context.CANCELED);
        assertThat(small.recv()).isEqualTo("acquired");
        assertThat(s.held()).isEqualTo(8);
        assertThat(s.waiting()).isZero();
    }

    @Test
    void cancellingAMiddleWaiterKeepsTheQueueInOrder() {
        Semaphore s = new Semaphore(1);
        s.acquire(1);
        CancelableContext ctx = Context.withCancel(Context.background());
        Chan<Object> first = outcome(() -> s.acquire(1));
        Until.until(() -> s.waiting() == 1);
        Chan<Object> middle = outcome(() -> s.acquire(ctx, 1));
        Until.until(() -> s.waiting() == 2);
        Chan<Object> last = outcome(() -> s.acquire(1));
        Until.until(() -> s.waiting() == 3);
        ctx.cancel();
        assertThat(middle.recv()).isSameAs(Context.CANCELED);
        assertThat(s.waiting()).isEqualTo(2);
        s.release(1);
        assertThat(first.recv()).isEqualTo("acquired");
        assertThat(last.tryRecv()).isNull();
        s.release(1);
        assertThat(last.recv()).isEqualTo("acquired");
        assertThat(s.waiting()).isZero();
    }

    @Test
    void moreThanTheSizeWaitsForTheContextAlone() {
        Semaphore s = new Semaphore(2);
        CancelableContext ctx = Context.withCancel(Context.background());
        Chan<Object> doomed = outcome(() -> s.acquire(ctx, 3));
        s.acquire(1); // not blocked behind the doomed request
        s.release(1);
        ctx.cancel();
        assertThat(doomed.recv()).isSameAs(Context.CANCELED);
        assertThat(s.held()).isZero();
    }

    /**
     * Release racing with cancel: whichever wins, a failed acquire holds nothing and a successful
     * one holds its units, so the count returns to zero and the queue empties.
     */
    @Test
    void grantRacingWithCancelNeverLeaksUnits() {
        Semaphore s = new Semaphore(4);
        int failed = 0;
        for (int round = 0; round < 3_000; round++) {
            s.acquire(4);
            long n = 1 + ThreadLocalRandom.current().nextInt(4);
            CancelableContext ctx = Context.withCancel(Context.background());
            Chan<Object> out = outcome(() -> s.acquire(ctx, n));
            if ((round & 1) == 0) Until.until(() -> s.waiting() == 1); // else race with the enqueue too
            Go.go(ctx::cancel);
            s.release(4);
            Object r = out.recv();
            if (r.equals("acquired")) {
                s.release(n);
            } else {
                assertThat(r).isSameAs(Context.CANCELED);
                failed++;
            }
            assertThat(s.held()).as("round %d", round).isZero();
            assertThat(s.waiting()).isZero();
        }
        assertThat(failed).as("cancel won some rounds").isPositive();
    }

    @Test
    void nullContextIsRefused() {
        Semaphore s = new Semaphore(1);
        assertThatThrownBy(() -> s.acquire(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> s.acquire(Context.background(), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
