package go4j.synctest;

/**
 * A synctest bubble deadlocked: every goroutine left in it is durably blocked and nothing can
 * wake them (Go's {@code synctestDeadlockError}). The message starts with Go's reason and lists
 * the goroutines in Go's traceback form, each with its wait reason
 * ({@code goroutine 7 [chan receive (durable)]:}).
 */
public final class SynctestDeadlockException extends RuntimeException {
    public SynctestDeadlockException(String message) {
        super(message);
    }
}
