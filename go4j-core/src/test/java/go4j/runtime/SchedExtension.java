package go4j.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * Owns the runtimes a test builds for itself. Every {@link Sched} made with
 * {@link SchedTest#newSched} while a test runs (its test instance's fields included) is closed
 * after the test, so its sysmon, leak watcher and Ms do not outlive it; a test that times out
 * first prints every goroutine of each, to show where it hung.
 *
 * <p>Tests in this module run one at a time (no parallel execution is configured), so one list
 * of open runtimes is enough.
 */
public final class SchedExtension implements TestInstancePreConstructCallback, AfterEachCallback, TestExecutionExceptionHandler {
    private static final List<Sched> OPEN = new ArrayList<>();

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
