package go4j.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the scheduler traces, and the seam through which {@code go4j.trace.Trace} (regions,
 * tasks, logs) reaches the runtime's JFR events.
 *
 * <p>A trace is a JFR recording that enables {@code go4j.GoroutineRun}: the events that give run
 * spans (a goroutine starts and stops running on a P) and unparks. Those sit on the scheduler's
 * hottest path, so they are guarded by {@link #on}, one read of a rarely-written static field,
 * exactly as {@code Preempt.pending} guards checkpoints: with tracing off a switch costs nothing
 * more. The flag follows the recordings: a {@code FlightRecorderListener}, added when the
 * runtime first reaches {@link JfrEvents} (a go statement does), recomputes it whenever a recording starts or stops, so a trace begun
 * with {@code -XX:StartFlightRecording} or {@code jcmd JFR.start} (with go4j's trace settings) turns
 * it on as {@code Trace.start} does.
 */
public final class Tracing {
    private Tracing() {}

    /** True while some running recording enables {@code go4j.GoroutineRun}. Written only when recordings change. */
    public static volatile boolean on;

    private static final AtomicLong TASK_IDS = new AtomicLong();
    private static volatile boolean watching;

    /** Starts following recordings (idempotent; a no-op without the jdk.jfr module). */
    public static void watch() {
        if (watching || !JfrEvents.AVAILABLE) return;
        synchronized (Tracing.class) {
            if (watching) return;
            watching = true;
        }
        Watcher.install();
    }

    /** Whether JFR is initialised already: cheap, sets up nothing (only jdk.jfr's FlightRecorder class loads). */
    static boolean recorderInitialized() {
        return JfrEvents.AVAILABLE && Watcher.initialized();
    }

    /** Recomputes {@link #on} from the recordings that run now. */
    public static void recompute() {
        if (JfrEvents.AVAILABLE) Watcher.recompute();
    }

    /** The JFR-facing half, loaded only when jdk.jfr is present. */
    private static final class Watcher implements jdk.jfr.FlightRecorderListener {
        static void install() {
            jdk.jfr.FlightRecorder.addListener(new Watcher()); // calls recorderInitialized now if JFR already runs
        }

        static boolean initialized() {
            return jdk.jfr.FlightRecorder.isInitialized();
        }

        @Override
        public void recorderInitialized(jdk.jfr.FlightRecorder recorder) {
            JfrEvents.live = true; // before any recording runs: events may be asked from now on
            recompute();
        }

        @Override
        public void recordingStateChanged(jdk.jfr.Recording recording) {
            recompute();
        }

        static void recompute() {
            boolean any = false;
            if (jdk.jfr.FlightRecorder.isInitialized()) { // never start JFR just to look
                for (jdk.jfr.Recording r : jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings()) {
                    if (r.getState() == jdk.jfr.RecordingState.RUNNING
                            && "true".equals(r.getSettings().get("go4j.GoroutineRun#enabled"))) {
                        any = true;
                        break;
                    }
                }
            }
            if (on != any) on = any;
        }
    }

    // ---- user annotations: go4j.trace.Trace calls these --------------------------------------

    /** A fresh task id (never 0: 0 means "no task"). */
    public static long newTaskId() {
        return TASK_IDS.incrementAndGet();
    }

    /** The calling goroutine's id, 0 on a platform thread. */
    public static long currentGoid() {
        G g = G.current();
        return g == null ? 0 : g.goid;
    }

    /** Begins a region event for the caller; null when regions are not recorded. */
    public static Object regionBegin(String name, long task) {
        return JfrEvents.regionBegin(currentGoid(), name, task);
    }

    /** Ends what {@link #regionBegin} returned (null is ignored). */
    public static void regionEnd(Object region) {
        if (region != null) JfrEvents.regionEnd(region);
    }

    /** Begins a task event; null when tasks are not recorded. */
    public static Object taskBegin(long task, String name, long parent) {
        return JfrEvents.taskBegin(task, name, parent, currentGoid());
    }

    /** Ends what {@link #taskBegin} returned (null is ignored). */
    public static void taskEnd(Object event) {
        if (event != null) JfrEvents.taskEnd(event);
    }

    /** Logs a message into the trace. */
    public static void log(long task, String category, String message) {
        JfrEvents.traceLog(currentGoid(), task, category, message);
    }
}
