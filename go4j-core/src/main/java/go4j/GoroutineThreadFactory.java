package go4j;

import go4j.runtime.Sched;
import java.util.concurrent.ThreadFactory;

/**
 * A {@link ThreadFactory} whose threads are goroutines: each {@link #newThread} returns an
 * unstarted virtual thread named {@code goroutine N} that runs on go4j's scheduler once
 * started. Made by {@link Go#threadFactory()}; stateless, so one instance serves everyone.
 *
 * <p>An exception escaping the runnable is reported like a goroutine's panic (see
 * {@link Go#setPanicHandler}). Leave the thread's uncaught-exception handler as it is: the
 * runtime keeps the goroutine's record there and finds it through it. A thread that is never
 * started still counts in {@link Go#numGoroutine()}.
 */
final class GoroutineThreadFactory implements ThreadFactory {
    static final GoroutineThreadFactory INSTANCE = new GoroutineThreadFactory();

    private GoroutineThreadFactory() {}

    /** An unstarted goroutine running {@code body}; {@code start()} makes it runnable. */
    @Override
    public Thread newThread(Runnable body) {
        return Sched.get().newThread(java.util.Objects.requireNonNull(body, "body"));
    }

    @Override
    public String toString() { return "GoroutineThreadFactory"; }
}
