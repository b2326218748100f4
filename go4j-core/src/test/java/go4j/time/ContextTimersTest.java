package go4j.time;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.context.CancelableContext;
import go4j.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deadline contexts and the timer heap: a cancelled context's timer leaves the heap at once
 * (lives here for the package-private {@link Timers#heapSize()} hook).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ContextTimersTest {
    private static final int N = 100_000;
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void cancellingTimeoutContextsEmptiesTheHeap() {
        Timers timers = Timers.global();
        int before = timers.heapSize(); // other tests' leftovers may only expire meanwhile
        List<CancelableContext> ctxs = new ArrayList<>(N);
        for (int i = 0; i < N; i++) ctxs.add(Context.withTimeout(Context.background(), HOUR));
        assertThat(timers.heapSize()).isGreaterThanOrEqualTo(N);
        for (CancelableContext c : ctxs) c.cancel();
        assertThat(timers.heapSize()).isLessThanOrEqualTo(before);
        timers.checkInvariants();
    }

    @Test
    void cancellingTheParentStopsEveryChildsTimer() {
        Timers timers = Timers.global();
        int before = timers.heapSize();
        CancelableContext parent = Context.withCancel(Context.background());
        for (int i = 0; i < N; i++) Context.withTimeout(parent, HOUR); // never cancelled directly
        assertThat(timers.heapSize()).isGreaterThanOrEqualTo(N);
        parent.cancel();
        assertThat(timers.heapSize()).isLessThanOrEqualTo(before);
        timers.checkInvariants();
    }
}
