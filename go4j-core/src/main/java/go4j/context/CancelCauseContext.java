package go4j.context;

/**
 * A {@link CancelableContext} whose cancellation can carry a cause: what
 * {@link Context#withCancelCause} returns (Go's WithCancelCause and its CancelCauseFunc).
 *
 * <pre>{@code
 * try (var ctx = Context.withCancelCause(parent)) {
 *     ...
 *     ctx.cancel(new IOException("upstream closed"));
 *     ctx.err();                  // Context.CANCELED
 *     Context.cause(ctx);         // the IOException
 * }
 * }</pre>
 */
public final class CancelCauseContext extends CancelableContext {

    private CancelCauseContext(Context parent) {
        super(parent, parent.deadline().orElse(null), false);
    }

    static CancelCauseContext newCancelCause(Context parent) {
        CancelCauseContext c = new CancelCauseContext(parent);
        c.propagateCancel();
        return c;
    }

    /**
     * Cancels this context and its descendants with {@link Context#CANCELED} and records
     * {@code cause} (null means {@link Context#CANCELED}) as their {@link Context#cause}. Only
     * the first cancellation counts: later calls, including {@link #cancel()} and
     * {@link #close()}, change nothing.
     */
    public void cancel(Throwable cause) {
        cancel(true, CANCELED, cause);
    }
}
