package go4j.context;

import go4j.Chan;
import go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Go's {@code context.Context}: carries a deadline, a cancellation signal and request-scoped
 * values across API boundaries and between goroutines.
 *
 * <pre>{@code
 * try (var ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(2))) {
 *     go(() -> produce(ctx, results));             // a goroutine that stops when ctx is done
 *     String first = results.recv(ctx);             // throws Context.DEADLINE_EXCEEDED after 2 s
 *     Select.select(
 *         Select.recv(results, v -> use(v)),
 *         Select.recv(ctx.done(), v -> giveUp(ctx.err())));
 * } // close() cancels: the Java form of Go's defer cancel()
 * }</pre>
 *
 * <h2>The tree</h2>
 * Contexts form a tree: {@link #background()} (or {@link #todo()}) is the root, and every
 * {@code with...} method derives a child of its parent. Cancelling a context cancels all of its
 * descendants, with the same {@link #err()} and {@link #cause(Context)}; it never affects the
 * parent. {@link #withCancel}, {@link #withCancelCause}, {@link #withTimeout} and
 * {@link #withDeadline} return a {@link CancelableContext}, which is {@link AutoCloseable}:
 * close (or cancel) it as soon as the work it governs is done, which unlinks it from its parent
 * and stops its deadline timer. A context that is never cancelled stays linked to its live
 * parent (Go's "lost cancel" leak).
 *
 * <h2>Errors</h2>
 * {@link #err()} is {@code null} while the context is live, then one of two singletons forever:
 * {@link #CANCELED} ("context canceled") or {@link #DEADLINE_EXCEEDED} ("context deadline
 * exceeded"). Both are {@link ContextException}s (unchecked, stackless), so they can be
 * compared with {@code ==}, caught by type, or thrown as they are: operations that wait on a
 * context ({@code chan.send(ctx, v)}, {@code chan.recv(ctx)}, {@code semaphore.acquire(ctx, n)})
 * throw {@code ctx.err()}. The reason given to {@link CancelCauseContext#cancel(Throwable)} is
 * {@link #cause(Context)}, not {@code err()}, as in Go.
 *
 * <h2>Differences from Go</h2>
 * Go's Context is an interface that programs may implement; here the kinds are the package's
 * own (the class is sealed), so cancellation always propagates through the tree and never needs
 * a watcher goroutine. {@link #done()}'s channel must only be received from: closing it is the
 * package's job. Contexts never block, so interrupts play no part here.
 *
 * <p>Thread-safety: every method may be called from any number of goroutines and platform
 * threads at once.
 */
public abstract sealed class Context permits EmptyContext, ValueContext, WithoutCancelContext, CancelableContext {

    /** The error of a cancelled context: Go's {@code context.Canceled}, "context canceled". */
    public static final ContextCanceledException CANCELED = ContextCanceledException.INSTANCE;

    /** The error of a context whose deadline passed: Go's {@code context.DeadlineExceeded}. */
    public static final DeadlineExceededException DEADLINE_EXCEEDED = DeadlineExceededException.INSTANCE;

    /** The context this one was derived from; null only for the two roots. Immutable. */
    final Context parent;

    Context(Context parent) {
        this.parent = parent;
    }

    // ---- the interface (Go's Deadline, Done, Err, Value) ------------------------------------

    /**
     * The time when this context will be cancelled with {@link #DEADLINE_EXCEEDED}, or empty when
     * it has no deadline. Successive calls return the same result.
     */
    public final Optional<Instant> deadline() {
        CancelableContext c = canceler();
        return c == null ? Optional.empty() : Optional.ofNullable(c.deadline);
    }

    /**
     * A channel that is closed when this context is cancelled (its deadline passing counts), or
     * {@code null} if this context can never be cancelled ({@link #background()}, {@link #todo()},
     * {@link #withoutCancel}): Go's nil channel, a {@link go4j.Select} case that is never ready.
     * Successive calls return the same channel. Only receive from it.
     */
    public final Chan<Void> done() {
        CancelableContext c = canceler();
        return c == null ? null : c.doneChan();
    }

    /**
     * {@code null} while {@link #done()} is not closed; afterwards, why: {@link #CANCELED} or
     * {@link #DEADLINE_EXCEEDED}, the same value on every call.
     */
    public final ContextException err() {
        CancelableContext c = canceler();
        return c == null ? null : c.errValue();
    }

    /**
     * The value bound to {@code key} by the nearest {@link #withValue} on the path from this
     * context to the root, or {@code null} if there is none (or {@code key} is null).
     */
    @SuppressWarnings("unchecked")
    public final <T> T value(Key<T> key) {
        for (Context c = this; c != null; c = c.parent) {
            if (c instanceof ValueContext v && v.key == key) return (T) v.val;
        }
        return null;
    }

    /**
     * The nearest context on the path to the root, this one included, that can be cancelled;
     * {@code null} when there is none before the root or a {@link #withoutCancel} boundary. It
     * owns this context's done channel, error, cause and deadline.
     */
    abstract CancelableContext canceler();

    // ---- roots ------------------------------------------------------------------------------

    /**
     * The root of every context tree: never cancelled, no deadline, no values. Prints as
     * "context.Background".
     */
    public static Context background() {
        return Roots.BACKGROUND;
    }

    /**
     * Like {@link #background()}, for code that does not know yet which context to use. Prints
     * as "context.TODO".
     */
    public static Context todo() {
        return Roots.TODO;
    }

    /** Holder, so that creating the roots does not run inside Context's own initialisation. */
    private static final class Roots {
        static final Context BACKGROUND = new EmptyContext("context.Background");
        static final Context TODO = new EmptyContext("context.TODO");
    }

    // ---- derived contexts -------------------------------------------------------------------

    /**
     * A child of {@code parent} that is cancelled when its {@link CancelableContext#cancel()} or
     * {@link CancelableContext#close()} is called or when {@code parent} is, whichever happens
     * first. Prints as the parent followed by ".WithCancel".
     *
     * @throws NullPointerException "cannot create context from nil parent"
     */
    public static CancelableContext withCancel(Context parent) {
        return CancelableContext.newCancel(requireParent(parent));
    }

    /**
     * Like {@link #withCancel}, with a {@link CancelCauseContext#cancel(Throwable)} that records a
     * cause, returned by {@link #cause(Context)} for this context and its descendants.
     *
     * @throws NullPointerException "cannot create context from nil parent"
     */
    public static CancelCauseContext withCancelCause(Context parent) {
        return CancelCauseContext.newCancelCause(requireParent(parent));
    }

    /**
     * A child of {@code parent} that is cancelled with {@link #DEADLINE_EXCEEDED} once
     * {@code timeout} has elapsed (measured on the monotonic clock), unless it is cancelled
     * earlier. Go's {@code WithDeadline(parent, time.Now().Add(timeout))}: if the parent's
     * deadline comes sooner, the result is a plain {@link #withCancel} child with the parent's
     * deadline; a timeout that is not positive gives a context that is already done. Prints as
     * the parent followed by ".WithDeadline(instant [remaining])".
     *
     * @throws NullPointerException "cannot create context from nil parent", or for a null timeout
     */
    public static CancelableContext withTimeout(Context parent, Duration timeout) {
        return withTimeoutCause(parent, timeout, null);
    }

    /**
     * {@link #withTimeout}, with {@code cause} as the {@link #cause(Context)} when the timeout
     * expires (a null {@code cause} means {@link #DEADLINE_EXCEEDED}). Go's WithTimeoutCause.
     */
    public static CancelableContext withTimeoutCause(Context parent, Duration timeout, Throwable cause) {
        requireParent(parent);
        long nanos = saturatedNanos(Objects.requireNonNull(timeout, "timeout"));
        return CancelableContext.newDeadline(parent, plus(Time.now(), timeout), nanos, cause);
    }

    /**
     * A child of {@code parent} that is cancelled with {@link #DEADLINE_EXCEEDED} at
     * {@code deadline} (wall-clock time), unless it is cancelled earlier. If the parent's
     * deadline is earlier, the result is a plain {@link #withCancel} child with the parent's
     * deadline; a deadline already past gives a context that is already done.
     *
     * @throws NullPointerException "cannot create context from nil parent", or for a null deadline
     */
    public static CancelableContext withDeadline(Context parent, Instant deadline) {
        return withDeadlineCause(parent, deadline, null);
    }

    /**
     * {@link #withDeadline}, with {@code cause} as the {@link #cause(Context)} when the deadline
     * passes (a null {@code cause} means {@link #DEADLINE_EXCEEDED}). Go's WithDeadlineCause.
     */
    public static CancelableContext withDeadlineCause(Context parent, Instant deadline, Throwable cause) {
        requireParent(parent);
        Objects.requireNonNull(deadline, "deadline");
        long nanos = saturatedNanos(Duration.between(Time.now(), deadline));
        return CancelableContext.newDeadline(parent, deadline, nanos, cause);
    }

    /**
     * A child of {@code parent} in which {@link #value(Key)} of {@code key} returns {@code val}
     * (which may be null); every other key, the deadline and the cancellation are the parent's.
     * Meant for request-scoped data that crosses API boundaries, not for optional parameters.
     * Prints as the parent followed by ".WithValue(key, val)", where {@code val} is shown only if
     * it is a String or its class defines {@code toString()}, else by its type name (as Go shows
     * only Stringers).
     *
     * @throws NullPointerException "cannot create context from nil parent", or "nil key"
     */
    public static <T> Context withValue(Context parent, Key<T> key, T val) {
        requireParent(parent);
        Objects.requireNonNull(key, "nil key");
        return new ValueContext(parent, key, val);
    }

    /**
     * A child of {@code parent} that keeps its values but is never cancelled, has no deadline, a
     * {@code null} {@link #done()} and a {@code null} {@link #err()} and {@link #cause(Context)},
     * whatever happens to {@code parent}. Prints as the parent followed by ".WithoutCancel".
     *
     * @throws NullPointerException "cannot create context from nil parent"
     */
    public static Context withoutCancel(Context parent) {
        return new WithoutCancelContext(requireParent(parent));
    }

    // ---- functions of a context -------------------------------------------------------------

    /**
     * Arranges for {@code f} to run in its own goroutine after {@code ctx} is done; if it already
     * is, {@code f} starts at once. {@code f} runs at most once. Go's {@code context.AfterFunc}.
     * Calling the returned handle's {@link AfterFunc#stop()} unregisters {@code f}.
     *
     * @throws NullPointerException for a null {@code ctx} or {@code f}
     */
    public static AfterFunc afterFunc(Context ctx, Runnable f) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(f, "f");
        return AfterFuncContext.register(ctx, f);
    }

    /**
     * Why {@code ctx} was cancelled (Go's {@code context.Cause}): the cause given to the
     * {@link CancelCauseContext#cancel(Throwable)} (or deadline cause) that cancelled it or an
     * ancestor, else {@code ctx.err()}. {@code null} while {@code ctx} is live, and for contexts
     * that cannot be cancelled.
     *
     * @throws NullPointerException for a null {@code ctx}
     */
    public static Throwable cause(Context ctx) {
        CancelableContext c = Objects.requireNonNull(ctx, "ctx").canceler();
        return c == null ? null : c.causeValue();
    }

    /**
     * A new key for {@link #withValue}: keys are compared by identity, so a key held privately by
     * a package cannot collide with anyone else's (Go's unexported key types).
     *
     * @param name shown by {@code toString()}, for debugging only
     */
    public static <T> Key<T> key(String name) {
        return new Key<>(Objects.requireNonNull(name, "name"));
    }

    /**
     * A typed key for {@link #withValue} and {@link #value(Key)}, made by {@link #key(String)}.
     * Two keys are equal only if they are the same object.
     *
     * @param <T> the type of the values bound to it
     */
    public static final class Key<T> {
        private final String name;

        private Key(String name) {
            this.name = name;
        }

        /** The name given to {@link Context#key(String)}. */
        @Override
        public String toString() {
            return name;
        }
    }

    /** The handle {@link #afterFunc} returns: Go's {@code stop func() bool}. */
    @FunctionalInterface
    public interface AfterFunc {
        /**
         * Stops the association of the context with the function. Returns true if this call
         * prevented the function from being started; false if the function had already been
         * started or the handle had already been stopped. It does not wait for a started
         * function to finish.
         */
        boolean stop();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static Context requireParent(Context parent) {
        return Objects.requireNonNull(parent, "cannot create context from nil parent");
    }

    /** {@code d} in nanoseconds, saturating at the ends of {@code long}. */
    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** {@code t + d}, saturating at {@link Instant#MIN} / {@link Instant#MAX}. */
    private static Instant plus(Instant t, Duration d) {
        try {
            return t.plus(d);
        } catch (ArithmeticException | java.time.DateTimeException overflow) {
            return d.isNegative() ? Instant.MIN : Instant.MAX;
        }
    }
}
