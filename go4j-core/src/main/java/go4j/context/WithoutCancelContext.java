package go4j.context;

/**
 * {@link Context#withoutCancel}: its parent's values, but never cancelled and no deadline (Go's
 * withoutCancelCtx). It is a boundary for cancellation: its descendants register with nothing
 * above it. Immutable.
 */
final class WithoutCancelContext extends Context {

    WithoutCancelContext(Context parent) {
        super(parent);
    }

    @Override
    CancelableContext canceler() {
        return null;
    }

    @Override
    public String toString() {
        return parent + ".WithoutCancel";
    }
}
