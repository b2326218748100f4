package go4j.context;

import go4j.Go;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The registration behind {@link Context#afterFunc} (Go's afterFuncCtx): a hidden child of the
 * context that starts its function when cancelled. It is a {@link CancelableContext} so that it
 * sits in the parent's children and is cancelled, and unlinked, exactly as a child context is.
 *
 * <p>Invariant: {@link #once} goes from false to true once, by CAS: either the cancellation wins
 * and starts {@link #f} in a new goroutine, or {@link #stop()} wins and {@code f} never runs.
 */
final class AfterFuncContext extends CancelableContext {
    /** The function to run. Immutable. */
    private final Runnable f;
    /** Whether f was started or stopped; set once by CAS (Go's sync.Once). */
    private volatile boolean once;

    private static final VarHandle ONCE;
    static {
        try {
            ONCE = MethodHandles.lookup().findVarHandle(AfterFuncContext.class, "once", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private AfterFuncContext(Context parent, Runnable f) {
        super(parent, null, false);
        this.f = f;
    }

    static Context.AfterFunc register(Context ctx, Runnable f) {
        AfterFuncContext a = new AfterFuncContext(ctx, f);
        a.propagateCancel(); // starts f at once if ctx is already done
        return a::stop;
    }

    private boolean claim() {
        return ONCE.compareAndSet(this, false, true);
    }

    /** Go's stop func: true if this call kept f from starting; then unregisters. */
    private boolean stop() {
        if (!claim()) return false;
        cancel(true, CANCELED, null); // unlinks from the parent
        return true;
    }

    /** Cancelled (by the parent, usually under its monitor): start f unless stop came first. */
    @Override
    void cancel(boolean removeFromParent, ContextException err, Throwable cause) {
        super.cancel(removeFromParent, err, cause);
        if (!claim()) return;
        try {
            Go.go(f); // does not block
        } catch (Throwable e) {
            // This may run inside a parent's cancellation: it must not be cut short.
            System.err.println("go4j: context.AfterFunc could not start its goroutine: " + e);
        }
    }
}
