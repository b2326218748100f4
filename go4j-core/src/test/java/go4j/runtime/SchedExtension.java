package go4j.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * The runtime tests' fixture: make a runtime of the test's own ({@link #newSched}), run a
 * goroutine in it and wait for it ({@link #runIn}), wait for a latch or a condition
 * ({@link #await}, {@code go4j.Until}); and, as a JUnit extension, own those runtimes. Every
 * {@link Sched} made while a test runs (its test instance's fields included) is closed after the
 * test, so its sysmon, leak watcher and Ms do not outlive it; a test that times out first prints
 * every goroutine of each, to show where it hung.
 *
 * <p>Tests in this module run one at a time (no parallel execution is configured), so one list
 * of open runtimes is enough.
 */
public final class SchedExtension implements TestInstancePreConstructCallback, AfterEachCallback, TestExecutionExceptionHandler {
    private static final List<Sched> OPEN = new ArrayList<>();

    /** A runtime of its own for the current test, with {@code procs} Ps; closed after the test. */
    static Sched newSched(int procs) {
        return newSched(procs, RunQueue.DEFAULT_CAPACITY);
    }

    /** {@link #newSched(int)} with local run queues of {@code queueCapacity} (small ones reach the overflow paths). */
    static Sched newSched(int procs, int queueCapacity) {
        assertThat(VirtualThreadHook.AVAILABLE).as("tests run with --add-opens java.base/java.lang").isTrue();
        return track(new Sched(procs, queueCapacity, true)); // closed after the test
    }

    /** Waits for {@code latch}; the test's @Timeout bounds it (and then the goroutines are printed). */
    /** The id of the P the calling goroutine runs on, or -1 (not a goroutine of ours). */
    static int currentPid() {
        if (!Thread.currentThread().isVirtual() || !VirtualThreadHook.AVAILABLE) return -1;
        return VirtualThreadHook.currentCarrier() instanceof M m && m.p != null ? m.p.id : -1;
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs body as a goroutine of s and waits for it. */
    static void runIn(Sched s, Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        G g = s.newproc(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        g.thread().join();
        if (failure.get() != null) throw new AssertionError(failure.get());
    }

    /** Registers {@code s} to be closed after the current test. */
    static Sched track(Sched s) {
        synchronized (OPEN) {
            OPEN.add(s);
        }
        return s;
    }

    /** The runtimes the current test has made so far. */
    static List<Sched> open() {
        synchronized (OPEN) {
            return List.copyOf(OPEN);
        }
    }

    @Override
    public void preConstructTestInstance(org.junit.jupiter.api.extension.TestInstanceFactoryContext factoryContext,
                                         ExtensionContext context) {
        closeAll(); // left over by a test of a class without this extension: not ours to keep
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof TimeoutException) {
            for (Sched s : open()) {
                System.err.println("--- goroutines of a runtime of " + context.getDisplayName() + " at its timeout ---");
                System.err.println(Traceback.dump(s, true));
            }
        }
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeAll();
    }

    private static void closeAll() {
        List<Sched> toClose;
        synchronized (OPEN) {
            toClose = new ArrayList<>(OPEN);
            OPEN.clear();
        }
        for (Sched s : toClose) s.close();
    }
}
