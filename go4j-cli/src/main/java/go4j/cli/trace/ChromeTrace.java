package go4j.cli.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A trace in Chrome's trace-event format (JSON), which Perfetto and {@code chrome://tracing} open.
 *
 * <p>Process 1 is the scheduler: one lane (thread) per P, where each goroutine run is a B/E pair
 * named by goroutine id and function, with instant events for creations, parks (wait reason),
 * unparks (by whom), steals, handoffs, preemptions and syscalls, and flow arrows from an unpark to
 * the run it caused; then a lane of GC pauses, and one for events of threads that are not
 * goroutines (timers, the poller, main). Process 2 has a lane per goroutine that marked regions,
 * tasks or logs. Every lane's events are in time order; timestamps are microseconds.
 */
public final class ChromeTrace {
    private ChromeTrace() {}

    static final int SCHED_PID = 1, GOROUTINES_PID = 2;
    /** Lanes of process 1 after the Ps. */
    static final int GC_TID = 100_000, THREADS_TID = 100_001;

    /** The short name of a go statement's site: {@code examples.Pipeline.gen(Pipeline.java:29)} is {@code Pipeline.gen:29}. */
    public static String shortName(String site) {
        if (site == null || site.equals("?")) return "?";
        int paren = site.indexOf('(');
        String method = paren < 0 ? site : site.substring(0, paren);
        int last = method.lastIndexOf('.'), before = last < 0 ? -1 : method.lastIndexOf('.', last - 1);
        String name = before < 0 ? method : method.substring(before + 1);
        int colon = site.lastIndexOf(':');
        if (paren >= 0 && colon > paren && site.endsWith(")")) name += site.substring(colon, site.length() - 1);
        return name;
    }

    static String label(TraceModel m, long goid) {
        TraceModel.Goroutine g = m.goroutines.get(goid);
        return "G" + goid + " " + (g == null ? "?" : shortName(g.fn()));
    }

    /** The trace's events, each lane in time order. */
    public static List<Map<String, Object>> events(TraceModel m) {
        List<Map<String, Object>> meta = new ArrayList<>(), ev = new ArrayList<>();
        meta.add(metadata("process_name", SCHED_PID, null, "go4j scheduler"));
        meta.add(metadata("process_sort_index", SCHED_PID, null, 0));
        for (int p = 0; p < m.procs; p++) {
            meta.add(metadata("thread_name", SCHED_PID, p, "P" + p));
            meta.add(metadata("thread_sort_index", SCHED_PID, p, p));
        }
        meta.add(metadata("thread_name", SCHED_PID, GC_TID, "GC"));
        meta.add(metadata("thread_sort_index", SCHED_PID, GC_TID, GC_TID));
        meta.add(metadata("thread_name", SCHED_PID, THREADS_TID, "threads"));
        meta.add(metadata("thread_sort_index", SCHED_PID, THREADS_TID, THREADS_TID));

        for (TraceModel.Span s : m.spans) {
            TraceModel.Goroutine g = m.goroutines.get(s.goid());
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("goid", s.goid());
            args.put("function", g == null ? "?" : g.fn());
            ev.add(event("B", label(m, s.goid()), "run", SCHED_PID, s.p(), s.start(), args));
            ev.add(event("E", label(m, s.goid()), "run", SCHED_PID, s.p(), s.end(), null));
        }
        long flowId = 0;
        for (TraceModel.Goroutine g : m.goroutines.values()) {
            if (g.created >= 0) {
                ev.add(instant("create G" + g.goid, "create", lane(m, g.parent, g.created), g.created,
                        Map.of("goid", g.goid, "parent", g.parent, "site", g.fn())));
            }
            for (TraceModel.Park p : g.parks) {
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("goid", g.goid);
                args.put("reason", p.reason());
                args.put("waited_us", p.dur());
                args.put("stack", p.stack());
                ev.add(instant("park G" + g.goid + " [" + p.reason() + "]", "park", lane(m, g.goid, p.start()), p.start(), args));
            }
            for (TraceModel.Wake w : g.wakes) {
                int from = lane(m, w.by(), w.t());
                String by = w.by() > 0 ? "G" + w.by() : w.byThread();
                ev.add(instant("unpark G" + g.goid + " by " + by, "unpark", from, w.t(), Map.of("goid", g.goid, "by", by)));
                TraceModel.Span run = m.nextRun(g.goid, w.t());
                if (run != null && from < m.procs) {
                    flowId++;
                    ev.add(flow("s", flowId, from, w.t()));
                    ev.add(flow("f", flowId, run.p(), run.start()));
                }
            }
            if (g.ended >= 0) ev.add(instant("end G" + g.goid, "end", lane(m, g.goid, g.ended), g.ended, Map.of("goid", g.goid)));
        }
        for (TraceModel.Mark k : m.marks) {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("detail", k.detail());
            if (k.goid() >= 0) args.put("goid", k.goid());
            if (k.dur() > 0) args.put("dur_us", k.dur());
            if (k.kind().equals("log")) {
                ev.add(instantOn(GOROUTINES_PID, (int) k.goid(), k.detail(), "log", k.t(), args));
            } else {
                int tid = k.p() >= 0 && k.p() < m.procs ? k.p() : lane(m, k.goid(), k.t());
                ev.add(instant(k.kind() + (k.goid() > 0 ? " G" + k.goid() : ""), k.kind(), tid, k.t(), args));
            }
        }
        for (TraceModel.Pause p : m.pauses) {
            Map<String, Object> e = event("X", p.name(), "gc", SCHED_PID, GC_TID, p.start(), null);
            e.put("dur", p.dur());
            ev.add(e);
        }
        Set<Long> annotated = new TreeSet<>();
        for (TraceModel.Region r : m.regions) {
            annotated.add(r.goid());
            Map<String, Object> e = event("X", r.name(), "region", GOROUTINES_PID, (int) r.goid(), r.start(), r.task() == 0 ? null : Map.of("task", r.task()));
            e.put("dur", r.dur());
            ev.add(e);
        }
        for (TraceModel.Region t : m.tasks) {
            annotated.add(t.goid());
            for (String ph : List.of("b", "e")) {
                Map<String, Object> e = event(ph, t.name(), "task", GOROUTINES_PID, (int) t.goid(), ph.equals("b") ? t.start() : t.start() + t.dur(), null);
                e.put("id", t.task());
                ev.add(e);
            }
        }
        for (TraceModel.Mark k : m.marks) if (k.kind().equals("log")) annotated.add(k.goid());
        if (!annotated.isEmpty()) meta.add(metadata("process_name", GOROUTINES_PID, null, "goroutines (regions, tasks, logs)"));
        for (long goid : annotated) meta.add(metadata("thread_name", GOROUTINES_PID, (int) goid, goid == 0 ? "threads" : label(m, goid)));

        // Each lane in time order; at one instant, an E before what begins there, a longer X before a shorter.
        ev.sort(Comparator.<Map<String, Object>>comparingDouble(e -> (Double) e.get("ts"))
                .thenComparingInt(e -> e.get("ph").equals("E") ? 0 : 1)
                .thenComparingDouble(e -> -((Number) e.getOrDefault("dur", 0.0)).doubleValue()));
        meta.addAll(ev);
        return meta;
    }

    /** Writes {@code trace.json}. */
    public static void write(TraceModel m, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("traceEvents", events(m));
        root.put("displayTimeUnit", "ms");
        root.put("otherData", Map.of("producer", "go4j trace", "origin", m.origin.toString(), "procs", m.procs));
        new ObjectMapper().writeValue(file.toFile(), root);
    }

    private static int lane(TraceModel m, long goid, double t) {
        int p = goid > 0 ? m.laneOf(goid, t) : -1;
        return p >= 0 ? p : THREADS_TID;
    }

    private static Map<String, Object> metadata(String name, int pid, Integer tid, Object value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("ph", "M");
        e.put("pid", pid);
        if (tid != null) e.put("tid", tid);
        e.put("args", name.endsWith("sort_index") ? Map.of("sort_index", value) : Map.of("name", value));
        return e;
    }

    private static Map<String, Object> event(String ph, String name, String cat, int pid, int tid, double ts, Map<String, Object> args) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("cat", cat);
        e.put("ph", ph);
        e.put("pid", pid);
        e.put("tid", tid);
        e.put("ts", ts);
        if (args != null) e.put("args", args);
        return e;
    }

    private static Map<String, Object> instant(String name, String cat, int tid, double ts, Map<String, Object> args) {
        return instantOn(SCHED_PID, tid, name, cat, ts, args);
    }

    private static Map<String, Object> instantOn(int pid, int tid, String name, String cat, double ts, Map<String, Object> args) {
        Map<String, Object> e = event("i", name, cat, pid, tid, ts, args);
        e.put("s", "t");
        return e;
    }

    private static Map<String, Object> flow(String ph, long id, int tid, double ts) {
        Map<String, Object> e = event(ph, "wakeup", "flow", SCHED_PID, tid, ts, null);
        e.put("id", id);
        if (ph.equals("f")) e.put("bp", "e");
        return e;
    }
}
