package go4j.junit;

import go4j.Go;
import go4j.Leak;
import go4j.runtime.Census;
import go4j.runtime.PrimitiveSites;
import go4j.runtime.Sched;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link VerifyNoLeaks}: after each test, fails it if goroutines
 * started during the test are still there after a grace period, listing them.
 *
 * <p>Use the annotation, or register an instance to configure it in code:
 * <pre>{@code
 * @RegisterExtension
 * static VerifyNoGoroutineLeaks leaks = new VerifyNoGoroutineLeaks().withGrace(Duration.ofSeconds(3));
 * }</pre>
 *
 * <p>How it tells the test's goroutines: goroutine ids only grow, and the runtime keeps a record
 * of every goroutine that exists, including one the collector took while it was blocked and that
 * is not reported yet. Before the test the extension notes the ids that exist and the leaks
 * already found; after it, any other record is the test's. While some remain and the grace period
 * lasts, it waits (parking a few milliseconds at a time; a bounded wait, as goleak's retries).
 * What is left is reported: goroutines still alive with their tracebacks, and goroutines proven
 * leaked (one full collection is run to prove them, only when something was left).
 *
 * <p>So that a leak names the channel or lock it was abandoned on, the extension turns on
 * recording of primitives' creation sites by stack walk ({@code -Dgo4j.primitiveSites=walk}):
 * from the first test on, every channel and sync primitive made in the JVM costs about a
 * microsecond more. {@code -Dgo4j.primitiveSites=off} keeps it off.
 *
 * <p>Tests running in parallel share the runtime: a goroutine started by a concurrent test is
 * indistinguishable from one started by this test. Use it on tests that run one at a time.
 */
public final class VerifyNoGoroutineLeaks implements BeforeEachCallback, AfterEachCallback {
    static final long DEFAULT_GRACE_MILLIS = 1_000;
    private static final long POLL_NANOS = 5_000_000;
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(VerifyNoGoroutineLeaks.class);

    private final Duration grace;
    private final List<String> ignoreFrames;

    /** The defaults: a 1 s grace period, nothing ignored but the goroutines that existed before the test. */
    public VerifyNoGoroutineLeaks() {
        this(Duration.ofMillis(DEFAULT_GRACE_MILLIS), List.of());
    }

    private VerifyNoGoroutineLeaks(Duration grace, List<String> ignoreFrames) {
        if (grace.isNegative()) throw new IllegalArgumentException("negative grace period: " + grace);
        this.grace = grace;
        this.ignoreFrames = List.copyOf(ignoreFrames);
    }

    /** A copy that gives goroutines {@code grace} to end after each test. */
    public VerifyNoGoroutineLeaks withGrace(Duration grace) {
        return new VerifyNoGoroutineLeaks(grace, ignoreFrames);
    }

    /** A copy that also ignores goroutines with a frame of one of these methods or classes (see {@link VerifyNoLeaks#ignoreFrames()}). */
    public VerifyNoGoroutineLeaks ignoringFrames(String... methodsOrClasses) {
        List<String> all = new ArrayList<>(ignoreFrames);
        all.addAll(Arrays.asList(methodsOrClasses));
        return new VerifyNoGoroutineLeaks(grace, all);
    }

    /** What existed before the test. */
    private record Before(Set<Long> goids, Set<Long> leaked) {}

    @Override
    public void beforeEach(ExtensionContext context) {
        PrimitiveSites.walk(true);
        Sched s = Sched.get();
        Set<Long> leaked = new HashSet<>();
        for (Leak l : Census.leaksFound(s)) leaked.add(l.goid());
        context.getStore(NS).put(context.getUniqueId(), new Before(Census.goids(s), leaked));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Before before = context.getStore(NS).remove(context.getUniqueId(), Before.class);
        if (before == null) return;
        VerifyNoGoroutineLeaks config = configured(context);
        String report = config.check(before);
        if (report != null) throw new AssertionError(report);
    }

    /** This instance, or one configured by the annotation on the test method or class. */
    private VerifyNoGoroutineLeaks configured(ExtensionContext context) {
        Optional<VerifyNoLeaks> a = context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, VerifyNoLeaks.class));
        if (a.isEmpty()) a = context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, VerifyNoLeaks.class));
        return a.map(v -> new VerifyNoGoroutineLeaks(Duration.ofMillis(v.graceMillis()), List.of(v.ignoreFrames())))
                .orElse(this);
    }

    /** Waits out the grace period; returns the failure report, or null when nothing was left. */
    private String check(Before before) {
        Sched s = Sched.get();
        long deadline = System.nanoTime() + grace.toNanos();
        Set<Long> left = newGoids(s, before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
            left = newGoids(s, before);
        }
        List<Leak> leaked = new ArrayList<>();
        List<String> alive = List.of();
        if (!left.isEmpty()) {
            for (Leak l : Go.leaks()) { // one full collection: proves the blocked-forever ones
                if (!before.goids.contains(l.goid()) && !before.leaked.contains(l.goid())) leaked.add(l);
            }
            Set<Long> notNew = new HashSet<>(before.goids);
            for (Leak l : leaked) notNew.add(l.goid());
            alive = Census.dumps(s, notNew).stream().filter(d -> !ignored(d)).toList();
        } else {
            for (Leak l : Census.leaksFound(s)) { // found by a collection during the test
                if (!before.goids.contains(l.goid()) && !before.leaked.contains(l.goid())) leaked.add(l);
            }
        }
        if (alive.isEmpty() && leaked.isEmpty()) return null;
        StringBuilder sb = new StringBuilder("found unexpected goroutines:\n");
        String off = go4j.runtime.GoRuntime.leakDetectionOff();
        if (off != null) sb.append("(leak detection is off: ").append(off).append("; run with -Djdk.trackAllThreads=false)\n");
        if (!alive.isEmpty()) {
            sb.append(alive.size()).append(alive.size() == 1 ? " goroutine" : " goroutines")
              .append(" started by the test still running ").append(grace.toMillis()).append(" ms after it:\n\n");
            alive.forEach(sb::append);
        }
        if (!leaked.isEmpty()) {
            sb.append(leaked.size()).append(leaked.size() == 1 ? " goroutine" : " goroutines")
              .append(" leaked (blocked forever on something nothing can reach; found by the GC):\n");
            for (Leak l : leaked) sb.append(l).append('\n');
        }
        return sb.toString();
    }

    private static Set<Long> newGoids(Sched s, Before before) {
        Set<Long> ids = Census.goids(s);
        ids.removeAll(before.goids);
        return ids;
    }

    /** Whether a survivor's traceback has a frame of an ignored method or class. */
    private boolean ignored(String dump) {
        for (String f : ignoreFrames) {
            if (dump.contains("\tat " + f + "(") || dump.contains("\tat " + f + ".")) return true;
        }
        return false;
    }
}
