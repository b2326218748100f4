package go4j.cli.table;

import java.util.concurrent.CountDownLatch;

/**
 * Waits that ignore interrupts until done, then restore the interrupt status: the table's
 * measurements always run to the end, and nothing here throws a checked exception.
 */
final class Uninterruptibly {
    private Uninterruptibly() {}

    /** Waits until {@code latch} reaches zero. */
    static void await(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try { latch.await(); break; } catch (InterruptedException e) { interrupted = true; }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Waits until {@code t} has terminated. */
    static void join(Thread t) {
        boolean interrupted = false;
        while (true) {
            try { t.join(); break; } catch (InterruptedException e) { interrupted = true; }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
