package go4j.trace;

import go4j.runtime.Tracing;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * Go's {@code runtime/trace}: record what the scheduler does, and mark up the program's own work.
 *
 * <pre>{@code
 * Trace.start(Path.of("trace.jfr"));
 * try (Trace.Task t = Trace.newTask("checkout")) {
 *     t.region("fetch cart", () -> cart = fetch(id));
 *     Trace.region("price", () -> price(cart));
 * }
 * Trace.stop();
 * // ./go4j trace view trace.jfr   -> go4j-trace/trace.html, trace.json
 * }</pre>
 *
 * <p>A trace is a JDK Flight Recorder recording with go4j's trace settings ({@link #SETTINGS},
 * also usable with {@code -XX:StartFlightRecording:settings=...}): a span per uninterrupted run of
 * a goroutine on a P, its waits with reason and stack, who woke it, creations and ends, steals,
 * handoffs, preemptions, syscalls, GC pauses, and the regions, tasks and logs below. While no
 * trace runs, regions and logs cost a check and the scheduler pays nothing.
 */
public final class Trace {
    private Trace() {}

    /** The class-path resource holding the JFR settings of a trace (a {@code .jfc} file). */
    public static final String SETTINGS = "/go4j/trace/trace.jfc";

    private static final Object LOCK = new Object();
    private static jdk.jfr.Recording recording; // guarded by LOCK
    private static OutputStream sink;           // where stop() copies a recording started on a stream
    private static Path spool;

    /**
     * Starts tracing into {@code file} (a JFR recording, written when {@link #stop} is called).
     *
     * @throws IllegalStateException "tracing is already enabled" (Go's words) if a trace runs,
     *     or when this JDK has no Flight Recorder
     */
    public static void start(Path file) {
        synchronized (LOCK) {
            begin(file, null);
        }
    }

    /** Starts tracing; {@link #stop} writes the recording (JFR's format) to {@code out}, then leaves it open. */
    public static void start(OutputStream out) {
        synchronized (LOCK) {
            try {
                Path tmp = Files.createTempFile("go4j-trace", ".jfr");
                begin(tmp, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void begin(Path file, OutputStream out) {
        if (recording != null) throw new IllegalStateException("tracing is already enabled");
        if (!ModuleLayer.boot().findModule("jdk.jfr").isPresent()) {
            throw new IllegalStateException("tracing needs the jdk.jfr module, which this runtime does not have");
        }
        Tracing.watch();
        jdk.jfr.Recording r = new jdk.jfr.Recording(settings());
        r.setName("go4j trace");
        r.setToDisk(true);
        try {
            if (out == null) r.setDestination(file);
        } catch (IOException e) {
            r.close();
            throw new UncheckedIOException(e);
        }
        r.start();
        Tracing.recompute(); // the listener does it too; this makes it so before we return
        recording = r;
        sink = out;
        spool = out == null ? null : file;
    }

    /** The trace settings as a JFR configuration. */
    static jdk.jfr.Configuration settings() {
        try (Reader in = new InputStreamReader(Trace.class.getResourceAsStream(SETTINGS), StandardCharsets.UTF_8)) {
            return jdk.jfr.Configuration.create(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("go4j's trace settings do not parse: " + e.getMessage(), e);
        }
    }

    /** Stops the trace and writes it out; does nothing when no trace runs (as Go's {@code trace.Stop}). */
    public static void stop() {
        synchronized (LOCK) {
            jdk.jfr.Recording r = recording;
            if (r == null) return;
            recording = null;
            try {
                r.stop(); // with a destination, writes the file
                if (sink != null) {
                    r.dump(spool);
                    Files.copy(spool, sink);
                    sink.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                r.close();
                Tracing.recompute();
                try {
                    if (spool != null) Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
                sink = null;
                spool = null;
            }
        }
    }

    /** Whether a trace started here runs (Go's {@code trace.IsEnabled}). */
    public static boolean isEnabled() {
        synchronized (LOCK) {
            return recording != null;
        }
    }

    /** Runs {@code body} as a region named {@code name} of the calling goroutine (Go's {@code trace.WithRegion}). */
    public static void region(String name, Runnable body) {
        region(0, name, body);
    }

    /** Starts a region the caller must {@link Region#end} on the same goroutine (Go's {@code trace.StartRegion}). */
    public static Region startRegion(String name) {
        return new Region(Tracing.regionBegin(name, 0));
    }

    /** Starts a task: a logical operation whose regions and logs may be on several goroutines (Go's {@code trace.NewTask}). */
    public static Task newTask(String name) {
        return new Task(name, 0);
    }

    /** Logs {@code message} under {@code category} into the trace (Go's {@code trace.Log}). */
    public static void log(String category, String message) {
        Tracing.log(0, category, message);
    }

    static void region(long task, String name, Runnable body) {
        Object r = Tracing.regionBegin(name, task);
        try {
            body.run();
        } finally {
            Tracing.regionEnd(r);
        }
    }

    /** A region begun with {@link #startRegion}; {@code end()} (or close) ends it. */
    public static final class Region implements AutoCloseable {
        private Object event;

        Region(Object event) {
            this.event = event;
        }

        /** Ends the region; later calls do nothing. */
        public void end() {
            Object e = event;
            event = null;
            Tracing.regionEnd(e);
        }

        @Override
        public void close() {
            end();
        }
    }

    /** A task (Go's {@code trace.Task}): give its regions and logs to the goroutines that work on it; end it once. */
    public static final class Task implements AutoCloseable {
        private final long id;
        private Object event;

        Task(String name, long parent) {
            this.id = Tracing.newTaskId();
            this.event = Tracing.taskBegin(id, name, parent);
        }

        /** The task's id in the trace. */
        public long id() {
            return id;
        }

        /** A subtask of this one. */
        public Task newTask(String name) {
            return new Task(name, id);
        }

        /** Runs {@code body} as a region of this task on the calling goroutine. */
        public void region(String name, Runnable body) {
            Trace.region(id, name, body);
        }

        /** Logs a message attached to this task. */
        public void log(String category, String message) {
            Tracing.log(id, category, message);
        }

        /** Ends the task (Go's {@code Task.End}); later calls do nothing. */
        public synchronized void end() {
            Object e = event;
            event = null;
            Tracing.taskEnd(e);
        }

        @Override
        public void close() {
            end();
        }
    }
}
