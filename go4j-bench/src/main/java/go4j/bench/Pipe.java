package go4j.bench;

import go4j.Chan;

import java.util.concurrent.BlockingQueue;

/**
 * A blocking send/receive pair, so one workload runs over a go4j channel and over the JDK queue
 * that is its baseline ({@code SynchronousQueue} for an unbuffered channel, {@code
 * ArrayBlockingQueue} for a buffered one). JMH forks a JVM per benchmark method, so each JVM sees
 * one implementation and the call stays monomorphic.
 */
interface Pipe<T> {
    /** Blocks until the value is taken (unbuffered) or buffered. */
    void send(T value);

    /** Blocks until a value arrives. */
    T recv();

    /** A go4j channel. */
    static <T> Pipe<T> of(Chan<T> ch) {
        return new Pipe<>() {
            @Override public void send(T value) { ch.send(value); }
            @Override public T recv() { return ch.recv(); }
        };
    }

    /** A JDK blocking queue. */
    static <T> Pipe<T> of(BlockingQueue<T> q) {
        return new Pipe<>() {
            @Override public void send(T value) { Jdk.put(q, value); }
            @Override public T recv() { return Jdk.take(q); }
        };
    }
}
