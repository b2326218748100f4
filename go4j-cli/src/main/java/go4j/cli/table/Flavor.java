package go4j.cli.table;

import go4j.Go;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The three measured columns: what starts a thread of execution in each. Rows run their
 * measurement bodies through {@link #call(Callable)} so a goroutine is measured from a goroutine
 * (as Go's benchmarks do) and a platform thread from a platform thread.
 */
public enum Flavor {
    /** A platform thread: one OS thread, scheduled by the kernel. */
    OS_THREAD("OS thread") {
        @Override public void start(Runnable body) { Thread.ofPlatform().start(body); }
    },
    /** A JDK virtual thread on the JDK's default scheduler (a ForkJoinPool). */
    JDK_VIRTUAL("JDK virtual thread") {
        @Override public void start(Runnable body) { Thread.ofVirtual().start(body); }
    },
    /** A go4j goroutine: whatever {@link Go#go(Runnable)} does. */
    GO4J("go4j goroutine") {
        @Override public void start(Runnable body) { Go.go(body); }
        @Override public void checkpoint() { Go.checkpoint(); }
    };

    private final String title;

    Flavor(String title) { this.title = title; }

    /** The column's title. */
    public String title() { return title; }

    /** The JSON key of the column. */
    public String key() {
        return switch (this) {
            case OS_THREAD -> "osThread";
            case JDK_VIRTUAL -> "jdkVirtual";
            case GO4J -> "go4j";
        };
    }

    /** Starts {@code body} in a new thread of this flavor. */
    public abstract void start(Runnable body);

    /** A preemption point where this flavor has one (go4j); a no-op elsewhere. */
    public void checkpoint() {}

    /**
     * Runs {@code body} in a new thread of this flavor and returns its result, rethrowing what
     * it threw. The caller waits by parking, so it may be any kind of thread.
     */
    public <T> T call(Callable<T> body) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = Thread.currentThread();
        start(() -> {
            Object result;
            try { result = new Ok(body.call()); } catch (Throwable e) { result = e; }
            outcome.set(result);
            LockSupport.unpark(caller);
        });
        Object result;
        while ((result = outcome.get()) == null) LockSupport.park(this);
        if (result instanceof Ok ok) {
            @SuppressWarnings("unchecked") T value = (T) ok.value();
            return value;
        }
        Throwable e = (Throwable) result;
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error err) throw err;
        throw new IllegalStateException(title + " body failed", e);
    }

    /** A body's normal result; distinguishes a {@code null} result from "not done yet". */
    private record Ok(Object value) {}
}
