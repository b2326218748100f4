package go4j.sync;

import go4j.Go;
import go4j.context.CancelCauseContext;
import go4j.context.Context;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A group of goroutines working on subtasks of a common task, with the first error kept
 * (golang.org/x/sync/errgroup's {@code Group}).
 *
 * <p>{@link #go(Task)} runs each task in its own goroutine; {@link #await()} (Go's Wait) parks
 * until all of them have returned and returns the first {@link Throwable} any of them threw, or
 * {@code null}. Every throwable a task throws counts as its error (Java has no separate error
 * return), including unchecked exceptions and errors; it is not printed as an uncaught panic.
 *
 * <p>{@link #setLimit(int)} caps the number of active goroutines: {@code go} parks while the
 * limit is reached, {@link #tryGo(Task)} refuses. {@code setLimit(Go.gomaxprocs())} keeps
 * CPU-bound work at most GOMAXPROCS-wide. The tokens are a FIFO {@link Semaphore}, so blocked
 * {@code go} calls start their goroutines in the order they were made.
 *
 * <p>{@link #withContext(Context)} makes a group with a derived context, {@link #context()},
 * which the first error cancels (with that error as its {@link Context#cause cause}), and which
 * {@link #await()} cancels when it returns, so its tasks can stop early:
 *
 * <pre>{@code
 * ErrGroup g = ErrGroup.withContext(parent);
 * Context ctx = g.context();
 * for (String url : urls) g.go(() -> results.send(ctx, fetch(ctx, url)));
 * Throwable err = g.await();   // the first failure; the other fetches saw ctx cancelled
 * }</pre>
 */
public final class ErrGroup {
    /** A task run by the group: like Go's {@code func() error}, it reports an error by throwing. */
    @FunctionalInterface
    public interface Task {
        /** Does the work; any throwable is the task's error. */
        void run() throws Exception;
    }

    /** Counts the group's goroutines. */
    private final WaitGroup wg = new WaitGroup();
    /** The first error; set once by CAS. */
    private final AtomicReference<Throwable> err = new AtomicReference<>();
    /** Tokens for active goroutines, or null without a limit; written by setLimit (volatile). */
    private volatile Semaphore sem;
    /**
     * The derived context of a group made by {@link #withContext}, else null. Cancelled with the
     * first error, and when await returns (Go's {@code g.cancel}). Immutable reference.
     */
    private final CancelCauseContext ctx;

    /** Creates a group with no limit and no context. */
    public ErrGroup() {
        this.ctx = null;
    }

    private ErrGroup(CancelCauseContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Creates a group with no limit and a context derived from {@code parent}, returned by
     * {@link #context()}: it is cancelled the first time a task throws (with that throwable as its
     * {@link Context#cause cause}) or when {@link #await()} returns, whichever comes first (Go's
     * {@code errgroup.WithContext}).
     *
     * @throws NullPointerException "cannot create context from nil parent"
     */
    public static ErrGroup withContext(Context parent) {
        return new ErrGroup(Context.withCancelCause(parent));
    }

    /**
     * The group's derived context: the second result of Go's {@code errgroup.WithContext}.
     *
     * @throws IllegalStateException if the group was not made by {@link #withContext}
     */
    public Context context() {
        if (ctx == null) throw new IllegalStateException("errgroup: group has no context; make it with ErrGroup.withContext");
        return ctx;
    }

    /**
     * Runs {@code task} in a new goroutine, first parking while the limit of active goroutines
     * is reached. The first task to throw sets the group's error.
     */
    public void go(Task task) {
        Objects.requireNonNull(task, "task");
        Semaphore s = sem;
        if (s != null) s.acquire(1);
        start(task, s);
    }

    /**
     * Runs {@code task} in a new goroutine only if the limit of active goroutines is not
     * reached.
     *
     * @return whether the goroutine was started
     */
    public boolean tryGo(Task task) {
        Objects.requireNonNull(task, "task");
        Semaphore s = sem;
        if (s != null && !s.tryAcquire(1)) return false;
        start(task, s);
        return true;
    }

    private void start(Task task, Semaphore s) {
        wg.add(1);
        Go.go(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                if (err.compareAndSet(null, t) && ctx != null) ctx.cancel(t);
            } finally {
                if (s != null) s.release(1);
                wg.done();
            }
        });
    }

    /**
     * Limits the number of active goroutines in this group to at most {@code n}; a negative
     * {@code n} means no limit. With {@code n == 0}, {@code go} parks forever, as in Go.
     *
     * @throws IllegalStateException if goroutines of the group are active (Go's "errgroup:
     *     modify limit while N goroutines in the group are still active")
     */
    public void setLimit(int n) {
        Semaphore s = sem;
        long active = s == null ? 0 : s.held();
        if (active != 0) {
            throw new IllegalStateException(
                    "errgroup: modify limit while " + active + " goroutines in the group are still active");
        }
        sem = n < 0 ? null : new Semaphore(n);
    }

    /**
     * Parks until every goroutine started by {@link #go(Task)} has returned, then returns the
     * first error, or {@code null} if none threw (Go's Wait). A group made by
     * {@link #withContext} has its context cancelled by then.
     */
    public Throwable await() {
        wg.await();
        Throwable first = err.get();
        if (ctx != null) ctx.cancel(first); // null cause: plain CANCELED
        return first;
    }
}
