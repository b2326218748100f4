package go4j.cli.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a go4j trace (a JFR recording with go4j's trace settings) says happened, in the shape the
 * timeline needs: run spans per P, each goroutine's life (creation, waits, wake-ups, regions), GC
 * pauses, and the scheduler's instant events. Times are microseconds since the first event.
 *
 * <p>Spans on one P never overlap here: a goroutine whose P was handed off while it stayed in a
 * call keeps running on the retired P, which has the same id as its stand-in; its span is cut
 * where the stand-in's next goroutine starts.
 */
public final class TraceModel {
    /** One uninterrupted run of goroutine {@code goid} on P {@code p}. */
    public record Span(int p, double start, double dur, long goid) {
        double end() { return start + dur; }
    }

    /** A wait in a go4j primitive, with the stack it resumed at (the user's frames first). */
    public record Park(double start, double dur, String reason, List<String> stack) {}

    /** Goroutine {@code goid} was made runnable at {@code t} by goroutine {@code by} (0: by thread {@code byThread}). */
    public record Wake(double t, long goid, long by, String byThread) {}

    /** A user region or task on a goroutine. */
    public record Region(long goid, String name, double start, double dur, long task) {}

    /** A scheduler event at an instant: steal, handoff, preemption, syscall, hog, leak, log. */
    public record Mark(String kind, double t, double dur, int p, long goid, String detail) {}

    /** A stop-the-world collector pause. */
    public record Pause(double start, double dur, String name) {}

    /** What is known of one goroutine. */
    public static final class Goroutine {
        public final long goid;
        public long parent = -1;
        public String site;
        public double created = -1, ended = -1;
        public final List<Park> parks = new ArrayList<>();
        public final List<Wake> wakes = new ArrayList<>();
        public final List<Span> runs = new ArrayList<>();

        Goroutine(long goid) {
            this.goid = goid;
        }

        /** The goroutine's function as the timeline names it: its go statement's site, else "goroutine N". */
        public String fn() {
            return site == null ? "?" : site;
        }
    }

    public int procs;
    public double end;
    public Instant origin;
    public final List<Span> spans = new ArrayList<>();
    public final Map<Long, Goroutine> goroutines = new TreeMap<>();
    public final List<Region> regions = new ArrayList<>();
    public final List<Region> tasks = new ArrayList<>();
    public final List<Mark> marks = new ArrayList<>();
    public final List<Pause> pauses = new ArrayList<>();

    /** Reads a recording. */
    public static TraceModel read(Path jfr) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        return of(events);
    }

    static TraceModel of(List<RecordedEvent> all) {
        TraceModel m = new TraceModel();
        List<RecordedEvent> events = new ArrayList<>();
        Map<Long, RecordedEvent> lastRunByCarrier = new HashMap<>();
        for (RecordedEvent e : all) { // file order: one carrier's events in the order it wrote them
            String n = e.getEventType().getName();
            if (n.equals("go4j.GoroutineRun") && e.getThread() != null) {
                RecordedEvent last = lastRunByCarrier.put(e.getThread().getId(), e);
                if (last != null && sameRun(last, e)) continue; // the duplicate of JfrEvents.runEnd's double commit
            }
            if (n.startsWith("go4j.") || n.equals("jdk.GCPhasePause") || n.equals("jdk.GarbageCollection")) events.add(e);
        }
        events.sort(Comparator.comparing(TraceModel::begin));
        if (events.isEmpty()) {
            m.origin = Instant.EPOCH;
            return m;
        }
        m.origin = begin(events.getFirst());
        boolean phasePauses = events.stream().anyMatch(e -> e.getEventType().getName().equals("jdk.GCPhasePause"));
        for (RecordedEvent e : events) {
            String n = e.getEventType().getName();
            double t = m.us(e.getStartTime());
            switch (n) {
                case "go4j.GoroutineRun" -> {
                    double dur = e.getDuration("ran").toNanos() / 1000.0;
                    long goid = e.getLong("goid");
                    Span s = new Span(e.getInt("p"), Math.max(0, t - dur), dur, goid);
                    m.spans.add(s);
                }
                case "go4j.GoroutineCreate" -> {
                    Goroutine g = m.g(e.getLong("goid"));
                    g.parent = e.getLong("parentGoid");
                    g.site = e.getString("site");
                    g.created = t;
                }
                case "go4j.GoroutineEnd" -> m.g(e.getLong("goid")).ended = t;
                case "go4j.GoroutinePark" -> m.g(e.getLong("goid")).parks.add(
                        new Park(t, micros(e.getDuration()), e.getString("waitReason"), frames(e.getStackTrace())));
                case "go4j.GoroutineUnpark" -> {
                    long by = e.getLong("by");
                    RecordedThread th = e.getThread();
                    m.g(e.getLong("goid")).wakes.add(new Wake(t, e.getLong("goid"), by, th == null ? "?" : th.getJavaName()));
                }
                case "go4j.Region" -> m.regions.add(new Region(e.getLong("goid"), e.getString("name"), t, micros(e.getDuration()), e.getLong("task")));
                case "go4j.Task" -> m.tasks.add(new Region(e.getLong("goid"), e.getString("name"), t, micros(e.getDuration()), e.getLong("task")));
                case "go4j.Log" -> m.marks.add(new Mark("log", t, 0, -1, e.getLong("goid"), e.getString("category") + ": " + e.getString("message")));
                case "go4j.Steal" -> m.marks.add(new Mark("steal", t, 0, e.getInt("p"), -1,
                        "P" + e.getInt("p") + " stole " + e.getInt("count") + " from P" + e.getInt("victim")));
                case "go4j.Handoff" -> m.marks.add(new Mark("handoff", t, 0, e.getInt("p"), e.getLong("goid"),
                        "P" + e.getInt("p") + " handed off: its carrier was blocked " + e.getDuration("blocked").toMillis() + " ms"));
                case "go4j.Syscall" -> m.marks.add(new Mark("syscall", t, micros(e.getDuration()), e.getInt("p"), e.getLong("goid"), "Go.syscall"));
                case "go4j.Preemption" -> m.marks.add(new Mark("preempt", t, 0, e.getInt("p"), e.getLong("goid"), "preempted at a checkpoint"));
                case "go4j.Hog" -> m.marks.add(new Mark("hog", t, 0, e.getInt("p"), e.getLong("goid"), e.getString("message")));
                case "go4j.Leak" -> m.marks.add(new Mark("leak", t, 0, -1, e.getLong("goid"), "leaked [" + e.getString("waitReason") + "]"));
                case "jdk.GCPhasePause" -> {
                    if (e.getDuration().isPositive()) m.pauses.add(new Pause(t, micros(e.getDuration()), e.getString("name")));
                }
                case "jdk.GarbageCollection" -> {
                    if (!phasePauses) m.pauses.add(new Pause(t, micros(e.getDuration("sumOfPauses")), e.getString("name")));
                }
                default -> { }
            }
            m.end = Math.max(m.end, t + micros(e.getDuration()));
        }
        m.finish();
        return m;
    }

    private static Instant begin(RecordedEvent e) {
        if (e.getEventType().getName().equals("go4j.GoroutineRun")) return e.getStartTime().minus(e.getDuration("ran"));
        return e.getStartTime();
    }

    private static boolean sameRun(RecordedEvent a, RecordedEvent b) {
        return a.getLong("goid") == b.getLong("goid") && a.getInt("p") == b.getInt("p")
                && a.getDuration("ran").equals(b.getDuration("ran"));
    }

    private static double micros(Duration d) {
        return d.toNanos() / 1000.0;
    }

    private double us(Instant t) {
        return Duration.between(origin, t).toNanos() / 1000.0;
    }

    private Goroutine g(long goid) {
        return goroutines.computeIfAbsent(goid, Goroutine::new);
    }

    private static List<String> frames(RecordedStackTrace st) {
        List<String> out = new ArrayList<>();
        if (st == null) return out;
        for (RecordedFrame f : st.getFrames()) {
            if (!f.isJavaFrame()) continue;
            String cls = f.getMethod().getType().getName();
            if (cls.startsWith("java.lang.VirtualThread") || cls.startsWith("jdk.internal.vm.Continuation")) continue;
            if (cls.equals("go4j.runtime.G$Entry")) break; // below the body: the runtime's frames
            out.add(cls + "." + f.getMethod().getName() + "(line " + f.getLineNumber() + ")");
            if (out.size() == 16) break;
        }
        return out;
    }

    /** Orders and cuts the spans, counts the Ps, and files each span with its goroutine. */
    private void finish() {
        spans.sort(Comparator.comparingInt(Span::p).thenComparingDouble(Span::start));
        List<Span> cut = new ArrayList<>(spans.size());
        Span prev = null;
        for (Span s : spans) {
            if (prev != null && prev.p() == s.p() && prev.end() > s.start()) {
                cut.removeLast();
                double d = s.start() - prev.start();
                if (d > 0) cut.add(new Span(prev.p(), prev.start(), d, prev.goid()));
            }
            cut.add(s);
            prev = s;
            procs = Math.max(procs, s.p() + 1);
        }
        spans.clear();
        spans.addAll(cut);
        for (Span s : spans) {
            g(s.goid()).runs.add(s);
            end = Math.max(end, s.end());
        }
        for (Goroutine g : goroutines.values()) g.runs.sort(Comparator.comparingDouble(Span::start));
        marks.sort(Comparator.comparingDouble(Mark::t));
    }

    /** The P goroutine {@code goid} was running on at {@code t}, or -1. */
    public int laneOf(long goid, double t) {
        Goroutine g = goroutines.get(goid);
        if (g == null) return -1;
        for (Span s : g.runs) {
            if (s.start() > t) break;
            if (t <= s.end()) return s.p();
        }
        return -1;
    }

    /** The first run of {@code goid} that starts at or after {@code t}, or null. */
    public Span nextRun(long goid, double t) {
        Goroutine g = goroutines.get(goid);
        if (g == null) return null;
        for (Span s : g.runs) if (s.start() >= t) return s;
        return null;
    }

    /** Go's goroutine analysis: per function, how many goroutines and where their time went. */
    public record FunctionStats(String fn, int count, double run, double runnable, Map<String, Double> blocked) {}

    /** How long {@code g} waited runnable before each of its runs: since the wake-up, or since its last run ended. */
    public static double runnableTime(Goroutine g) {
        double total = 0, prevEnd = g.created;
        int w = 0;
        for (Span s : g.runs) {
            double ready = prevEnd;
            while (w < g.wakes.size() && g.wakes.get(w).t() <= s.start()) {
                if (g.wakes.get(w).t() >= prevEnd) ready = g.wakes.get(w).t();
                w++;
            }
            if (ready >= 0 && ready <= s.start()) total += s.start() - ready;
            prevEnd = s.end();
        }
        return total;
    }

    public List<FunctionStats> summary() {
        Map<String, List<Goroutine>> byFn = new LinkedHashMap<>();
        for (Goroutine g : goroutines.values()) {
            if (g.runs.isEmpty() && g.parks.isEmpty()) continue;
            byFn.computeIfAbsent(g.fn(), k -> new ArrayList<>()).add(g);
        }
        List<FunctionStats> out = new ArrayList<>();
        byFn.forEach((fn, gs) -> {
            double run = 0, runnable = 0;
            Map<String, Double> blocked = new TreeMap<>();
            for (Goroutine g : gs) {
                for (Span s : g.runs) run += s.dur();
                runnable += runnableTime(g);
                for (Park p : g.parks) blocked.merge(p.reason(), p.dur(), Double::sum);
            }
            out.add(new FunctionStats(fn, gs.size(), run, runnable, blocked));
        });
        out.sort(Comparator.comparingDouble(FunctionStats::run).reversed());
        return out;
    }

    /** Counts of what the trace holds, for the command's one-line report. */
    public Map<String, Integer> counts() {
        Map<String, Integer> c = new HashMap<>();
        c.put("spans", spans.size());
        c.put("goroutines", goroutines.size());
        c.put("procs", procs);
        return c;
    }
}
