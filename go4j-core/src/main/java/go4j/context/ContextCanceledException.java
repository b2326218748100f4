package go4j.context;

/**
 * The error of a context that was cancelled: Go's {@code context.Canceled}, "context canceled".
 * Its only instance is {@link Context#CANCELED}.
 */
public final class ContextCanceledException extends ContextException {
    private static final long serialVersionUID = 1L;

    /** The singleton, published as {@link Context#CANCELED}. */
    static final ContextCanceledException INSTANCE = new ContextCanceledException();

    private ContextCanceledException() {
        super("context canceled");
    }

    /** False: a cancellation is not a timeout. */
    @Override
    public boolean isTimeout() {
        return false;
    }

    /** Deserialization yields the singleton, so {@code ==} keeps working. */
    private Object readResolve() {
        return INSTANCE;
    }
}
