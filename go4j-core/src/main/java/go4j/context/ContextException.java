package go4j.context;

/**
 * The error of a done {@link Context}: what {@link Context#err()} returns and what the
 * context-taking operations ({@code Chan.send(ctx, v)}, {@code Chan.recv(ctx)},
 * {@code Semaphore.acquire(ctx, n)}) throw. There are exactly two, Go's two error values:
 * {@link Context#CANCELED} ("context canceled") and {@link Context#DEADLINE_EXCEEDED}
 * ("context deadline exceeded").
 *
 * <p>Each is a shared, immutable singleton, so it can be compared with {@code ==} (Go's
 * {@code err == context.Canceled}), matched by type in a {@code catch}, or thrown. Being shared,
 * it carries no stack trace, no cause and no suppressed exceptions (all three are disabled), just
 * as Go's error values carry none. The reason a context was cancelled, when one was given, is
 * {@link Context#cause(Context)}.
 */
public abstract sealed class ContextException extends RuntimeException
        permits ContextCanceledException, DeadlineExceededException {
    private static final long serialVersionUID = 1L;

    ContextException(String message) {
        super(message, null, false, false); // shared: no suppression, no writable stack trace
    }

    /** Whether this is {@link Context#DEADLINE_EXCEEDED} (Go's {@code Timeout()} method of that error). */
    public abstract boolean isTimeout();
}
