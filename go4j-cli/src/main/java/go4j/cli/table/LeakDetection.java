package go4j.cli.table;

import go4j.Chan;
import go4j.Go;
import go4j.Leak;
import java.lang.ref.WeakReference;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Leaks: a thread of execution blocked forever on a queue or channel that nothing else references
 * (its only other party is gone). Is it found, and how? Each flavor blocks one: a platform thread
 * and a JDK virtual thread in {@code SynchronousQueue.take()} on a queue only they can see, a
 * goroutine in {@code recv()} on a go4j channel only it can see. Then the collector runs.
 *
 * <p>A platform thread is a GC root: it stays alive, blocked, for ever, and nothing reports it. A
 * JDK virtual thread is held only by what can wake it, unless the JDK tracks all threads
 * ({@code jdk.trackAllThreads}, on by default, off in go4j's launcher): untracked, the collector
 * takes it without a word; tracked, it stays. A go4j goroutine is held the same way, and its
 * record in go4j's registry survives it, so {@code Go.leaks()} reports it with its wait reason and
 * creation site. Observed through weak references to the threads, not assumed.
 */
public final class LeakDetection implements Aspect {
    @Override public String name() { return "Leaks"; }
    @Override public String claimOs() { return "-"; }
    @Override public String claimGoroutine() { return "-"; }

    /** Collections tried before concluding that a thread stays. */
    private static final int GCS = 3;

    @Override
    public Row measure(Settings s) {
        String tracking = System.getProperty("jdk.trackAllThreads", "true (JDK default)");
        return Row.measured(this, blockedThread(false), blockedThread(true), goroutine(),
                String.format("one thread blocked for ever on a queue/channel only it references; then up to %d "
                        + "full GCs (System.gc) and a weak reference to the thread; jdk.trackAllThreads=%s",
                        GCS, tracking));
    }

    /** A platform or JDK virtual thread blocked in take() on a SynchronousQueue only it can see. */
    private static Measurement blockedThread(boolean virtual) {
        WeakReference<Thread> ref = startBlocked(virtual);
        int gcs = 0;
        while (ref.get() != null && gcs < GCS) {
            System.gc();
            gcs++;
        }
        Thread t = ref.get();
        if (t == null) {
            return Measurement.of(String.format("collected silently at GC %d, never reported", gcs), "gcsRun", gcs);
        }
        boolean alive = t.isAlive();
        t.interrupt(); // done looking: let it go
        Uninterruptibly.join(t);
        return Measurement.of(alive ? String.format("never: stays alive, blocked, after %d GCs%s", gcs,
                        virtual ? " (tracked by the JDK)" : " (a GC root)")
                        : "ended on its own", "gcsRun", gcs);
    }

    /** Starts the thread and returns once it is blocked; only a weak reference leaves this frame. */
    private static WeakReference<Thread> startBlocked(boolean virtual) {
        Runnable body = () -> {
            try {
                new SynchronousQueue<Integer>().take(); // nobody else has the queue: nobody will ever put
            } catch (InterruptedException e) {
                // released by the measurement
            }
        };
        Thread t = virtual ? Thread.ofVirtual().unstarted(body) : Thread.ofPlatform().daemon().unstarted(body);
        t.start();
        while (t.getState() != Thread.State.WAITING) LockSupport.parkNanos(100_000);
        return new WeakReference<>(t);
    }

    /** A goroutine blocked on a channel only it can see; Go.leaks() runs the collections. */
    private static Measurement goroutine() {
        long goid = startLeakedGoroutine();
        boolean warn = !"quiet".equals(System.getProperty("go4j.leaks"));
        Go.setLeakWarnings(false);
        try {
            long start = System.nanoTime();
            for (int gcs = 1; gcs <= GCS; gcs++) {
                for (Leak l : Go.leaks()) { // one full GC each
                    if (l.goid() != goid) continue;
                    double ms = (System.nanoTime() - start) / 1e6;
                    return Measurement.builder().value("msToReport", ms).value("gcsRun", gcs)
                            .text(String.format("reported by Go.leaks() after %.0f ms (%d GC): [%s]", ms, gcs, l.waitReason()));
                }
            }
            return Measurement.of(String.format("not reported after %d GCs (scheduler active: %s)", GCS,
                    Go.schedulerActive()), "gcsRun", GCS);
        } finally {
            Go.setLeakWarnings(warn);
        }
    }

    /** Starts the goroutine, returns its id once it is blocked; nothing here keeps it or its channel. */
    private static long startLeakedGoroutine() {
        AtomicLong goid = new AtomicLong();
        AtomicReference<WeakReference<Thread>> self = new AtomicReference<>();
        Go.go(() -> {
            Chan<Integer> abandoned = Chan.make();
            goid.set(Thread.currentThread().threadId()); // a goroutine's id is its thread's
            self.set(new WeakReference<>(Thread.currentThread()));
            abandoned.recv();
        });
        while (self.get() == null) LockSupport.parkNanos(100_000);
        while (true) {
            Thread t = self.get().get();
            if (t == null || t.getState() == Thread.State.WAITING) break;
            LockSupport.parkNanos(100_000);
        }
        return goid.get();
    }
}
