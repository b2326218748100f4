package go4j.sync;

import go4j.Go;
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
 * <p>{@code withContext} (a group whose derived context is cancelled by the first error or by
 * {@code await}) will arrive with the context package; it plugs into {@link #onFirstError} and
 * {@link #onAwaitDone}, the two places Go's group calls its cancel function.
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
    /** Called once with the first error: where withContext cancels its context. */
    private final Runnable onFirstError;
    /** Called when await returns: where withContext cancels its context. */
    private final Runnable onAwaitDone;

    /** Creates a group with no limit. */
    public ErrGroup() {
        this(null, null);
    }

    /** The constructor withContext will use: both hooks call the derived context's cancel. */
    ErrGroup(Runnable onFirstError, Runnable onAwaitDone) {
        this.onFirstError = onFirstError;
        this.onAwaitDone = onAwaitDone;
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
                if (err.compareAndSet(null, t) && onFirstError != null) onFirstError.run();
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
     * first error, or {@code null} if none threw (Go's Wait).
     */
    public Throwable await() {
        wg.await();
        if (onAwaitDone != null) onAwaitDone.run();
        return err.get();
    }
}
