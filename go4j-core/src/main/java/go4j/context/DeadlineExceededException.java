package go4j.context;

/**
 * The error of a context whose deadline passed: Go's {@code context.DeadlineExceeded},
 * "context deadline exceeded". Its only instance is {@link Context#DEADLINE_EXCEEDED}.
 */
public final class DeadlineExceededException extends ContextException {
    private static final long serialVersionUID = 1L;

    /** The singleton, published as {@link Context#DEADLINE_EXCEEDED}. */
    static final DeadlineExceededException INSTANCE = new DeadlineExceededException();

    private DeadlineExceededException() {
        super("context deadline exceeded");
    }

    /** True, as Go's {@code DeadlineExceeded.Timeout()}. */
    @Override
    public boolean isTimeout() {
        return true;
    }

    /** Deserialization yields the singleton, so {@code ==} keeps working. */
    private Object readResolve() {
        return INSTANCE;
    }
}
