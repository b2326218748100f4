package go4j;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test support: a group of goroutines whose first failure is rethrown by {@link #join}, and waits
 * for a channel's queues (through {@link Until}).
 */
final class Goroutines {
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch done;

    /** A group that expects {@code n} goroutines. */
    Goroutines(int n) {
        done = new CountDownLatch(n);
    }

    /** Starts one goroutine of the group. */
    void go(Runnable body) {
        Go.go(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                done.countDown();
            }
        });
    }

    /** Waits for all goroutines of the group and rethrows the first failure. */
    void join() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error e) throw e;
        if (t != null) throw new AssertionError(t);
    }

    /** Yields until {@code c} has {@code n} queued receivers. */
    static void awaitReceivers(Chan<?> c, int n) {
        Until.until(() -> c.waitingReceivers() == n);
    }

    /** Yields until {@code c} has {@code n} queued senders. */
    static void awaitSenders(Chan<?> c, int n) {
        Until.until(() -> c.waitingSenders() == n);
    }
}
