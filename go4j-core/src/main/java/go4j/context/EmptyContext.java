package go4j.context;

/**
 * A root: {@link Context#background()} or {@link Context#todo()} (Go's backgroundCtx and
 * todoCtx). Never cancelled, no deadline, no values. Immutable.
 */
final class EmptyContext extends Context {
    /** "context.Background" or "context.TODO". */
    private final String name;

    EmptyContext(String name) {
        super(null);
        this.name = name;
    }

    @Override
    CancelableContext canceler() {
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
