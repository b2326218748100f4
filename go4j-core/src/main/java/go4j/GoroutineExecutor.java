package go4j;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link java.util.concurrent.ExecutorService} whose every task runs in its own goroutine:
 * the bridge from JDK APIs that take an executor ({@code HttpServer.setExecutor},
 * {@code HttpClient.Builder.executor}, {@code CompletableFuture.supplyAsync(..., executor)}) to
 * go4j's scheduler. Made by {@link Go#executor()}; like
 * {@code Executors.newVirtualThreadPerTaskExecutor()}, each instance tracks its own tasks.
 *
 * <p>Life cycle: running, then shut down ({@link #shutdown()}: new tasks are rejected with
 * {@link RejectedExecutionException}, accepted ones run to their end), then terminated (shut
 * down and no task left). Tasks never wait in a queue: {@link #execute} starts the goroutine at
 * once, so {@link #shutdownNow()} has no never-started task to return (its list is empty); it
 * interrupts the running ones. {@link #close()} is the JDK's: shutdown, then wait for
 * termination (a close from inside one of the executor's own tasks would wait for itself).
 *
 * <p>A task that throws from {@link #execute} is reported like a goroutine's panic (see
 * {@link Go#setPanicHandler}); tasks given to {@code submit} and {@code invoke*} keep their
 * exception in their {@link java.util.concurrent.Future}.
 *
 * <p>Invariant: {@link #ctl} holds the shutdown bit and the count of accepted tasks that have
 * not ended; both change together by CAS, so no task is accepted once the bit is set, and
 * {@link #terminated} opens exactly once, by whoever moves {@code ctl} to "shut down, zero
 * tasks".
 */
public final class GoroutineExecutor extends AbstractExecutorService {

    /** The shutdown bit of {@link #ctl}; the bits below it count live tasks. */
    private static final long SHUTDOWN = 1L << 62;

    /** Shutdown bit | live task count. Updated by CAS from any thread. */
    private final AtomicLong ctl = new AtomicLong();
    /** Opened (counted down) once, when shut down with no task left. */
    private final CountDownLatch terminated = new CountDownLatch(1);
    /** The threads of running tasks, for shutdownNow's interrupts; each task adds and removes its own. */
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    /** Set by shutdownNow before it interrupts: a task that registers afterwards interrupts itself. */
    private volatile boolean stopping;

    /** Use {@link Go#executor()}. */
    GoroutineExecutor() {}

    /**
     * Starts {@code task} in a new goroutine.
     *
     * @throws RejectedExecutionException after {@link #shutdown()}
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        long c;
        do {
            c = ctl.get();
            if ((c & SHUTDOWN) != 0) throw new RejectedExecutionException("executor has been shut down");
        } while (!ctl.compareAndSet(c, c + 1));
        try {
            go4j.runtime.Sched.get().newprocNumbered(() -> runTask(task)); // named goroutine N, as a pool's threads are
        } catch (Throwable notStarted) { // e.g. out of memory: the task will never end, so uncount it
            taskEnded();
            throw notStarted;
        }
    }

    private void runTask(Runnable task) {
        Thread self = Thread.currentThread();
        running.add(self);
        // Pairs with shutdownNow's write-then-scan: one of the two sees the other.
        if (stopping) self.interrupt();
        try {
            task.run();
        } finally {
            running.remove(self);
            taskEnded();
        }
    }

    private void taskEnded() {
        if (ctl.decrementAndGet() == SHUTDOWN) terminated.countDown();
    }

    /** Rejects new tasks from now on; the accepted ones run to their end. Repeat calls do nothing. */
    @Override
    public void shutdown() {
        long prev = ctl.getAndUpdate(c -> c | SHUTDOWN);
        if (prev == 0) terminated.countDown(); // first shutdown, and nothing was running
    }

    /**
     * Shuts down and interrupts every running task. Returns the tasks that were accepted but
     * never started: none, since each task starts as a goroutine when it is accepted.
     */
    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        stopping = true;
        for (Thread t : running) t.interrupt();
        return List.of();
    }

    /** Whether {@link #shutdown()} has been called. */
    @Override
    public boolean isShutdown() {
        return (ctl.get() & SHUTDOWN) != 0;
    }

    /** Whether the executor is shut down and every accepted task has ended. */
    @Override
    public boolean isTerminated() {
        return ctl.get() == SHUTDOWN;
    }

    /**
     * Waits until the executor is terminated or the timeout elapses; returns whether it is
     * terminated. Throws {@link InterruptedException} on interrupt, as the
     * {@link java.util.concurrent.ExecutorService} contract requires.
     */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    /** The state and the number of tasks not yet ended, e.g. {@code GoroutineExecutor[running, 3 tasks]}. */
    @Override
    public String toString() {
        long c = ctl.get();
        String state = c == SHUTDOWN ? "terminated" : (c & SHUTDOWN) != 0 ? "shutting down" : "running";
        return "GoroutineExecutor[" + state + ", " + (c & ~SHUTDOWN) + " tasks]";
    }
}
