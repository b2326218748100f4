package go4j.runtime;

/**
 * G: a goroutine. The body runs in a JDK virtual thread scheduled by {@link Sched}; this record
 * carries what the runtime knows about it beyond the thread: its id, its body, and where it ends.
 *
 * <p>States, and the virtual-thread transitions that move a goroutine between them (the JDK's
 * {@code VirtualThread} state names on the right):
 * <pre>
 *   runnable -> running      an M takes its task from a run queue          UNPARKED/YIELDED -> RUNNING
 *   running  -> waiting      it parks (channel, lock, sleep, socket)        PARKING -> PARKED
 *   waiting  -> runnable     someone unparks it: execute(task) queues it    PARKED -> UNPARKED
 *   running  -> runnable     it yields (Go.gosched, preemption)             YIELDING -> YIELDED
 *   running  -> syscall      it blocks the carrier (file I/O, native call)  RUNNING (carrier blocked)
 *   running  -> dead         its body returns or throws                     TERMINATED
 * </pre>
 * A goroutine never runs on two Ms at once and is in at most one run queue (the JDK submits a
 * virtual thread's continuation once per wake-up).
 */
public final class G implements Runnable {
    final Sched sched;
    /** Goroutine id, as Go's goid: unique, increasing, never reused. */
    public final long goid;
    final Runnable body;
    /** The virtual thread that runs the body; set once before start. */
    Thread thread;

    G(Sched sched, long goid, Runnable body) {
        this.sched = sched;
        this.goid = goid;
        this.body = body;
    }

    /** The goroutine's thread (a virtual thread). */
    public Thread thread() { return thread; }

    @Override
    public void run() {
        try {
            body.run();
        } catch (Throwable panic) {
            Panics.report(this, panic);
        } finally {
            sched.goexit(this);
        }
    }

    @Override
    public String toString() { return "goroutine " + goid; }
}
