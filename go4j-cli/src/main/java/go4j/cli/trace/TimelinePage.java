package go4j.cli.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code trace.html}: one self-contained page (inline script and styles, nothing fetched) that
 * draws the trace as {@code go tool trace} does: P lanes on a time axis with zoom and pan, a
 * goroutine's life when one is picked (created where, each wait with its reason and stack, who
 * woke it, how long it then waited for a P), and Go's goroutine analysis as a table per function.
 * The page is the template {@code timeline.html} with the trace's data put in as JSON.
 */
public final class TimelinePage {
    private TimelinePage() {}

    private static final String PLACEHOLDER = "\"__GO4J_TRACE_DATA__\"";

    /** Writes the page for {@code m}; {@code source} names where the trace came from. */
    public static void write(TraceModel m, String source, Path file) throws IOException {
        String template;
        try (InputStream in = TimelinePage.class.getResourceAsStream("timeline.html")) {
            if (in == null) throw new IOException("timeline.html is missing from the go4j-cli jar");
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String json = new ObjectMapper().writeValueAsString(data(m, source)).replace("</", "<\\/"); // no "</script>" inside the script
        Files.writeString(file, template.replace(PLACEHOLDER, json), StandardCharsets.UTF_8);
    }

    /** The page's data: compact arrays, times in microseconds. */
    static Map<String, Object> data(TraceModel m, String source) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", source);
        d.put("origin", m.origin.toString());
        d.put("procs", m.procs);
        d.put("end", m.end);
        List<Object[]> spans = new ArrayList<>(m.spans.size());
        for (TraceModel.Span s : m.spans) spans.add(new Object[] {s.p(), r(s.start()), r(s.dur()), s.goid()});
        d.put("spans", spans);
        Map<String, Object> gs = new LinkedHashMap<>();
        for (TraceModel.Goroutine g : m.goroutines.values()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("fn", g.fn());
            o.put("short", ChromeTrace.shortName(g.fn()));
            o.put("parent", g.parent);
            o.put("created", r(g.created));
            o.put("ended", r(g.ended));
            List<Object[]> parks = new ArrayList<>();
            for (TraceModel.Park p : g.parks) parks.add(new Object[] {r(p.start()), r(p.dur()), p.reason(), p.stack()});
            o.put("parks", parks);
            List<Object[]> wakes = new ArrayList<>();
            for (TraceModel.Wake w : g.wakes) wakes.add(new Object[] {r(w.t()), w.by(), w.byThread()});
            o.put("wakes", wakes);
            gs.put(Long.toString(g.goid), o);
        }
        d.put("goroutines", gs);
        List<Object[]> pauses = new ArrayList<>();
        for (TraceModel.Pause p : m.pauses) pauses.add(new Object[] {r(p.start()), r(p.dur()), p.name()});
        d.put("pauses", pauses);
        List<Object[]> marks = new ArrayList<>();
        for (TraceModel.Mark k : m.marks) marks.add(new Object[] {k.kind(), r(k.t()), r(k.dur()), k.p(), k.goid(), k.detail()});
        d.put("marks", marks);
        List<Object[]> regions = new ArrayList<>();
        for (TraceModel.Region g : m.regions) regions.add(new Object[] {g.goid(), g.name(), r(g.start()), r(g.dur()), g.task()});
        d.put("regions", regions);
        List<Object[]> tasks = new ArrayList<>();
        for (TraceModel.Region g : m.tasks) tasks.add(new Object[] {g.goid(), g.name(), r(g.start()), r(g.dur()), g.task()});
        d.put("tasks", tasks);
        List<Map<String, Object>> summary = new ArrayList<>();
        for (TraceModel.FunctionStats f : m.summary()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("fn", f.fn());
            o.put("short", ChromeTrace.shortName(f.fn()));
            o.put("count", f.count());
            o.put("run", r(f.run()));
            o.put("runnable", r(f.runnable()));
            Map<String, Double> blocked = new LinkedHashMap<>();
            f.blocked().forEach((k, v) -> blocked.put(k, r(v)));
            o.put("blocked", blocked);
            summary.add(o);
        }
        d.put("summary", summary);
        return d;
    }

    /** Rounded to 0.01 µs: the page needs no more, and the file stays small. */
    private static double r(double us) {
        return Math.round(us * 100) / 100.0;
    }
}
