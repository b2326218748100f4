package go4j.bench;

import java.util.concurrent.BlockingQueue;

/**
 * The JDK baselines' blocking queue operations without checked exceptions: an interrupt, which
 * no benchmark sends, becomes an {@link IllegalStateException}.
 */
final class Jdk {
    private Jdk() {}

    static <T> void put(BlockingQueue<T> q, T v) {
        try {
            q.put(v);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    static <T> T take(BlockingQueue<T> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }
}
