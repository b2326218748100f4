package go4j.synctest;

import go4j.runtime.Bubble;

/**
 * Deterministic time for tests (Go's {@code testing/synctest}): code with timeouts, retries,
 * tickers and deadlines runs in a <em>bubble</em> whose goroutines see a fake clock, and an hour
 * of it passes in microseconds.
 *
 * <pre>{@code
 * Synctest.run(() -> {
 *     try (var ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(5))) {
 *         Time.sleep(Duration.ofSeconds(5).minusNanos(1));
 *         Synctest.await();
 *         assertThat(ctx.err()).isNull();          // not yet
 *         Time.sleep(Duration.ofNanos(1));
 *         Synctest.await();
 *         assertThat(ctx.err()).isInstanceOf(DeadlineExceededException.class);
 *     }
 * });
 * }</pre>
 *
 * <h2>The bubble</h2>
 * <ul>
 * <li>Goroutines started from inside the bubble belong to it, and so do the channels, go4j.sync
 *     primitives and timers they make.</li>
 * <li>Inside it, {@link go4j.time.Time#now()} starts at 2000-01-01T00:00:00Z, and everything in
 *     {@code go4j.time} (sleep, after, tick, timers, tickers, afterFunc) and
 *     {@code Context.withTimeout}/{@code withDeadline} run on that clock.</li>
 * <li>The clock moves only when every goroutine of the bubble is <em>durably blocked</em>, and
 *     then straight to the next timer, which fires: events happen in their order, instantly.</li>
 * <li>Durably blocked: waiting on a channel (send, receive, or a select whose channels all are),
 *     a go4j.sync primitive (Mutex, RWMutex, WaitGroup, Cond, Semaphore, Once) or a timer of the
 *     bubble, in {@link #await()}, or in a select with no channels. Not durably blocked: waiting in
 *     a socket read, {@code Thread.sleep}, a JDK lock or {@code Thread.join}, on a channel or
 *     primitive made outside the bubble, or in {@code Semaphore.acquire(ctx, n)}; while any
 *     goroutine of the bubble waits like that, time stands still.</li>
 * <li>A channel of the bubble used from outside it fails with Go's wording ("send on synctest
 *     channel from outside bubble", "receive on ...", "close of ..."); so do {@code stop} and
 *     {@code reset} of its timers.</li>
 * </ul>
 *
 * <p>Unlike Go, where a mutex is never durable, a go4j.sync primitive made inside the bubble is:
 * only the bubble's goroutines can have made it, and a primitive made outside never is.
 */
public final class Synctest {
    private Synctest() {}

    /**
     * Runs {@code body} as a goroutine in a new bubble and returns when it and every goroutine
     * started in the bubble have ended (Go's {@code synctest.Test} without the {@code T}). The
     * body's exception is rethrown as {@code Go.run} does (unchecked as it is, checked wrapped);
     * failing that, the first exception that escaped another goroutine of the bubble.
     *
     * <p>When every goroutine of the bubble is durably blocked and no timer is pending, or the
     * body has returned and the goroutines left are all durably blocked (time stops with the body,
     * as in Go), the bubble has deadlocked: {@link SynctestDeadlockException}, listing them. They
     * stay blocked.
     *
     * @throws IllegalStateException "synctest.Run called from within a synctest bubble"
     * @throws SynctestDeadlockException "deadlock: all goroutines in bubble are blocked", or
     *     "deadlock: main bubble goroutine has exited but blocked goroutines remain"
     */
    public static void run(Runnable body) {
        Bubble.Outcome outcome = Bubble.run(body);
        Throwable t = outcome.bodyFailure() != null ? outcome.bodyFailure() : outcome.goroutineFailure();
        if (t != null) {
            if (outcome.deadlock() != null) t.addSuppressed(new SynctestDeadlockException(outcome.deadlock()));
            if (t instanceof RuntimeException re) throw re;
            if (t instanceof Error err) throw err;
            throw new RuntimeException(t);
        }
        if (outcome.deadlock() != null) throw new SynctestDeadlockException(outcome.deadlock());
    }

    /**
     * Returns once every other goroutine of the caller's bubble is durably blocked (Go's
     * {@code synctest.Wait}); the clock does not move meanwhile. What the others did before they
     * blocked is visible to the caller afterwards.
     *
     * @throws IllegalStateException "goroutine is not in a bubble", or "wait already in progress"
     *     when another goroutine of the bubble is in it
     */
    public static void await() {
        Bubble.await();
    }
}
