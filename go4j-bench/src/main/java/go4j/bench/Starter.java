package go4j.bench;

import go4j.Go;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** How a benchmark starts a thread of one kind: a goroutine, a JDK virtual thread, a platform thread. */
@FunctionalInterface
interface Starter {
    /** A go4j goroutine: whatever {@code Go.go} does. */
    Starter GO4J = Go::go;
    /** A JDK virtual thread on the default scheduler. */
    Starter VIRTUAL = body -> Thread.ofVirtual().start(body);
    /** A platform thread. */
    Starter PLATFORM = body -> Thread.ofPlatform().start(body);

    /** Starts {@code body} in a new thread of this kind. */
    void start(Runnable body);

    /** Runs {@code body} in a new thread of this kind and returns its result; the caller parks meanwhile. */
    default <T> T call(Supplier<T> body) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = Thread.currentThread();
        start(() -> {
            Object result;
            try { result = new Done(body.get()); } catch (Throwable e) { result = e; }
            outcome.set(result);
            LockSupport.unpark(caller);
        });
        Object result;
        while ((result = outcome.get()) == null) LockSupport.park(this);
        if (result instanceof Done done) {
            @SuppressWarnings("unchecked") T value = (T) done.value();
            return value;
        }
        if (result instanceof RuntimeException re) throw re;
        if (result instanceof Error err) throw err;
        throw new IllegalStateException((Throwable) result);
    }

    /** Runs {@code body} in a new thread of this kind and waits for it. */
    default void run(Runnable body) {
        call(() -> { body.run(); return null; });
    }

    /** A body's result; tells a {@code null} result from "not done yet". */
    record Done(Object value) {}
}
