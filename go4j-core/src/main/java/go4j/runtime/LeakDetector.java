package go4j.runtime;

import go4j.Leak;
import java.lang.ref.ReferenceQueue;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds leaked goroutines with the garbage collector's help.
 *
 * <p>A goroutine's thread is referred to strongly only by what can wake it: the wait queue of the
 * channel or lock it is blocked on (go4j's waiters never point back at their primitive), a timer,
 * or a run queue. The registry of all goroutines holds it weakly, through its {@link G} (a weak
 * reference to the thread). So when a goroutine is blocked on a primitive that nothing alive can
 * reach, the collector takes its thread too, and its G, still registered, is enqueued here: it
 * could never have run again. This needs the JDK's own strong tracking of virtual threads off
 * ({@code jdk.trackAllThreads=false}); the runtime turns it off at start unless it was set.
 *
 * <p>One thing outside the heap can hold a goroutine: when a {@code ClassFileTransformer} is
 * registered (any transforming {@code -javaagent}, go4j's preemption agent included), the JVM gives
 * a virtual thread that loads a class a JVMTI thread state whose handle holds the thread strongly
 * until it ends. A heap dump shows no referrer for such a goroutine. The runtime therefore loads
 * the classes its own wait path needs before any goroutine runs ({@link #PRELOADED}) when such an
 * agent may be present ({@link TransformingAgents}: without one it would cost every fresh JVM
 * ~15-20 ms before its first goroutine, for nothing); a goroutine
 * that leaks right after being the first to load some other class (its own code's, say) still
 * cannot be proven leaked while such an agent is present, unless the JVM runs with
 * {@code -XX:+UnlockExperimentalVMOptions -XX:-DoJVMTIVirtualThreadTransitions}: that state is
 * part of the JVMTI virtual-thread mount/unmount tracking the flag turns off, and with it off such
 * a goroutine is found too ({@code LeakTest}). {@code ./go4j run} passes the flag with the agent.
 *
 * <p>A daemon thread reports each leak as the collector finds it (one line on stderr unless
 * {@code -Dgo4j.leaks=quiet}); {@link #collect()} forces a collection and returns all found so far.
 */
final class LeakDetector implements Runnable {
    private static final int KEEP = 100_000;

    /**
     * Classes a goroutine would otherwise load as it first starts or blocks: the JDK's start event
     * (loaded by the first virtual thread to run) and go4j's park and wait-queue classes. Loaded
     * and initialised once, by the thread that creates the first scheduler, when an agent may be
     * present, so that no goroutine becomes unprovable by blocking in go4j (see the class comment).
     */
    static final String[] PRELOADED = {
        "jdk.internal.event.VirtualThreadStartEvent",
        "go4j.runtime.Park", "go4j.runtime.CoarseClock", "go4j.runtime.Sudog", "go4j.runtime.WaitQueue", "go4j.runtime.WaitReason",
        "go4j.Select", "go4j.Select$Case", "go4j.sync.Sema", "go4j.sync.NotifyList", "go4j.runtime.Bubble",
        // The primitives themselves, and what their first use loads: a goroutine that makes the
        // first channel of the program and blocks on it would load them (seen: a program leaking one
        // goroutine on a channel it made itself was never reported under the agent).
        "go4j.Chan", "go4j.ChanLock", "go4j.ChannelClosedException", "go4j.runtime.SelectWaiter",
        "go4j.runtime.PrimitiveSites", "go4j.sync.Mutex", "go4j.sync.RWMutex", "go4j.sync.WaitGroup",
        "go4j.sync.Cond", "go4j.sync.Once", "go4j.sync.Semaphore",
    };

    static {
        if (TransformingAgents.possible()) preload();
    }

    private static void preload() {
        for (String name : PRELOADED) {
            try {
                Class.forName(name, true, name.startsWith("go4j.") ? LeakDetector.class.getClassLoader() : null);
            } catch (ClassNotFoundException | LinkageError e) {
                // a JDK without that class: nothing for a goroutine to load there either
            }
        }
    }

    final ReferenceQueue<Thread> queue = new ReferenceQueue<>();
    private final Allgs allgs;
    private final ArrayDeque<Leak> leaks = new ArrayDeque<>(); // guarded by itself; the most recent KEEP
    /** Leaks found since start, including those no longer kept. */
    private final java.util.concurrent.atomic.LongAdder total = new java.util.concurrent.atomic.LongAdder();
    volatile boolean warn = !"quiet".equals(System.getProperty("go4j.leaks"));
    private volatile boolean started;
    /** The watcher thread, once started. */
    private volatile Thread watcher;

    LeakDetector(Allgs allgs) {
        this.allgs = allgs;
    }

    /** Whether {@link #checkTracking} has looked (on the first goroutine started). Racy: looking twice is harmless. */
    boolean trackingChecked;

    /** Null while leak detection works; else why it cannot (the JDK holds every goroutine strongly). */
    volatile String off;
    private static final java.util.concurrent.atomic.AtomicBoolean OFF_TOLD = new java.util.concurrent.atomic.AtomicBoolean();

    void start() {
        if (started) return;
        synchronized (this) {
            if (started) return;
            started = true;
            watcher = Thread.ofPlatform().daemon().name("go4j-leakwatch").start(this);
        }
    }

    /**
     * Called with the first goroutine started: if the JDK keeps every
     * virtual thread in its root container, nothing blocked can ever be collected, so say so once:
     * a quiet detector would be a false all-clear.
     */
    void checkTracking(Thread started) {
        trackingChecked = true;
        if (!Boolean.TRUE.equals(VirtualThreadHook.tracksAllThreads(started))) return;
        off = "the JDK keeps every virtual thread reachable (it read jdk.trackAllThreads as on when the first"
                + " virtual thread of this JVM started, before go4j could turn it off)";
        if (OFF_TOLD.compareAndSet(false, true)) {
            System.err.println("go4j: warning: leak detection is off: " + off
                    + "; run java with -Djdk.trackAllThreads=false to turn it on");
        }
    }

    /** The watcher thread, or null before start. */
    Thread watcher() { return watcher; }

    /** Ends the watcher thread (its scheduler is closed); nothing more is reported. */
    void stop() {
        Thread t = watcher;
        if (t != null) t.interrupt();
    }

    @Override
    public void run() {
        while (true) {
            try {
                found((G) queue.remove());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A G whose thread the collector took. A leak unless the goroutine had ended. */
    private void found(G g) {
        Leak leak;
        // Claimed and listed under one lock: a goroutine leaves the registry's live Gs and
        // joins the found leaks at once for anyone who reads the Gs and then found().
        synchronized (leaks) {
            if (!allgs.claimLeak(g)) return; // it ended, or the other path (queue or collect) took it
            String reason = java.util.Objects.requireNonNullElse(g.waitReason(), "unknown"); // read once: it is racy
            long since = g.waitSince;
            Duration blocked = since == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, System.nanoTime() - since));
            leak = new Leak(g.goid, reason, blocked, g.waitSite, g.createdBy());
            JfrEvents.leak(leak); // before it is listed: whoever sees the leak listed finds the event recorded
            if (leaks.size() == KEEP) leaks.removeFirst();
            leaks.addLast(leak);
        }
        total.increment();
        if (warn) System.err.println("go4j: leaked " + leak);
    }

    /**
     * Runs a full collection and returns every leak found so far. Weak references are cleared by
     * the collection itself, so the Gs of collected goroutines are recognised right away,
     * without waiting for the reference queue.
     */
    List<Leak> collect() {
        System.gc();
        for (G g : allgs.all()) {
            if (g.refersTo(null)) found(g);
        }
        return found();
    }

    /** The leaks found so far (the most recent 100,000), without forcing a collection. */
    List<Leak> found() {
        synchronized (leaks) {
            return new ArrayList<>(leaks);
        }
    }

    /** How many leaks were found since start. */
    long count() {
        return total.sum();
    }
}
