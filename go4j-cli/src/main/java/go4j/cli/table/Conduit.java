package go4j.cli.table;

import go4j.Chan;

import java.util.concurrent.BlockingQueue;

/**
 * A blocking send/receive pair, so the Channel row runs one workload over a go4j channel and over
 * the JDK queue that plays its part for threads ({@code SynchronousQueue} for an unbuffered
 * channel, {@code ArrayBlockingQueue} for a buffered one). Blocking calls ignore interrupts (the
 * table's measurements run to the end) and restore the interrupt status.
 */
interface Conduit<T> {
    /** Blocks until the value is taken (unbuffered) or buffered. */
    void send(T value);

    /** Blocks until a value arrives. */
    T recv();

    /** A go4j channel. */
    static <T> Conduit<T> of(Chan<T> ch) {
        return new Conduit<>() {
            @Override public void send(T value) { ch.send(value); }
            @Override public T recv() { return ch.recv(); }
        };
    }

    /** A JDK blocking queue. */
    static <T> Conduit<T> of(BlockingQueue<T> q) {
        return new Conduit<>() {
            @Override public void send(T value) {
                boolean interrupted = false;
                while (true) {
                    try { q.put(value); break; } catch (InterruptedException e) { interrupted = true; }
                }
                if (interrupted) Thread.currentThread().interrupt();
            }

            @Override public T recv() {
                boolean interrupted = false;
                T v;
                while (true) {
                    try { v = q.take(); break; } catch (InterruptedException e) { interrupted = true; }
                }
                if (interrupted) Thread.currentThread().interrupt();
                return v;
            }
        };
    }
}
