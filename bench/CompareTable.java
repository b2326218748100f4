/*
 * The table of bench/compare: reads Go's `go test -bench` output and JMH's JSON results, matches
 * Benchmark<X> (Go) with go4j.bench.<X>Bench.go4j and .jdkVirtual (JMH; for the channel
 * benchmarks .jdkVirtual is the JDK baseline: SynchronousQueue / ArrayBlockingQueue on default
 * virtual threads), and prints a Markdown table: benchmark, go4j ns/op, Go ns/op, go4j/Go, JDK
 * baseline ns/op, JDK baseline/go4j; the geometric mean of go4j/Go over the whole set and over the
 * channel set; the side measurements (memory per goroutine parked in a receive, largest ticker gap
 * during blocking calls and CPU loops) from an optional extras file; the targets, met or not; then
 * every other JMH variant. Writes the Markdown to the output file and a bar chart of go4j/Go and
 * JDK baseline/Go (log scale) beside it as SVG (same name, .svg).
 *
 * Usage: java bench/CompareTable.java go-bench.txt jmh.json compare.md ["go version ..."] [extras.txt]
 * extras.txt: lines "<who> <metric> <value>", who = go4j | go | jdkVirtual | osThread.
 * A single-file program: no dependencies, run straight from source by the JDK.
 */

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class CompareTable {

    /** `BenchmarkSpawn-2   123456   130.5 ns/op ...` */
    private static final Pattern GO_LINE = Pattern.compile("^Benchmark(\\w+?)(?:-\\d+)?\\s+\\d+\\s+([0-9.]+) ns/op");

    /** What differs between a benchmark's twins, printed under the table. */
    private static final Map<String, String> NOTES = Map.of(
            "PingPong", "go4j and JDK hand the turn over with LockSupport park/unpark; Go sends on unbuffered channels (ChanPingPong is the channel twin).",
            "Skynet", "go4j and JDK children add into an AtomicLong and count down; Go children send on a buffered channel.",
            "ChanNonblocking", "Go compiles its select-with-default to a non-blocking receive; go4j calls Chan.tryRecv(), the JDK SynchronousQueue.poll().",
            "PingPongHog", "Go preempts the hog asynchronously; go4j's hog loop calls Go.checkpoint() (what the agent inserts). No JDK baseline: its parallelism cannot drop to 1 at run time.",
            "Yield", "Nothing else is runnable: Go's Gosched queues the goroutine globally and its scheduler takes it straight back; go4j's Go.gosched() sees the empty queues and returns at once; the JDK's Thread.yield() unmounts and remounts.");

    /** The unit of each benchmark's "op", printed under the table. */
    private static final Map<String, String> UNITS = new LinkedHashMap<>();
    static {
        UNITS.put("Spawn", "per goroutine");
        UNITS.put("Yield", "per yield");
        UNITS.put("PingPong", "per round trip");
        UNITS.put("Skynet", "per tree of 1,111,111");
        UNITS.put("ChanPingPong", "per round trip");
        UNITS.put("ChanSync", "per call (a receive and a send by one of two sides)");
        UNITS.put("ChanProdCons0/10/100", "per value");
        UNITS.put("ChanUncontended, ChanContended", "per 100 sends + 100 receives");
        UNITS.put("SelectUncontended, SelectSyncContended", "per select");
        UNITS.put("SelectProdCons", "per value (with 100 steps of local work)");
        UNITS.put("ChanSem", "per acquire + release");
        UNITS.put("ChanCreation", "per make + send + receive");
        UNITS.put("ChanNonblocking", "per poll");
        UNITS.put("ChanPopular", "per round of 1000 sends to 1000 selecting goroutines");
        UNITS.put("PingPongHog", "per exchange, GOMAXPROCS 1, beside a CPU hog");
    }

    /** Targets of the channel work. */
    static final double PING_PONG_VS_GO = 1.3, GEOMEAN_VS_GO = 1.5, PING_PONG_VS_SYNCHRONOUS_QUEUE = 2.0,
            PARKED_BYTES = 1024;

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: java CompareTable.java go-bench.txt jmh.json compare.md [go-version] [extras.txt]");
            System.exit(2);
        }
        Map<String, Double> go = readGo(Path.of(args[0]));
        Map<String, Map<String, Double>> jmh = readJmh(Path.of(args[1]));
        String goVersion = args.length > 3 ? args[3] : "go (version unknown)";
        Map<String, Map<String, Double>> extras = args.length > 4 ? readExtras(Path.of(args[4])) : Map.of();
        String md = table(go, jmh, goVersion, extras);
        System.out.print(md);
        Path out = Path.of(args[2]);
        Files.writeString(out, md);
        String svgName = out.getFileName().toString().replaceFirst("\\.md$", "") + ".svg";
        Files.writeString(out.resolveSibling(svgName), svg(go, jmh));
    }

    /** Go benchmark name (without "Benchmark" and the -GOMAXPROCS suffix) to the median ns/op of its runs. */
    static Map<String, Double> readGo(Path file) throws IOException {
        Map<String, List<Double>> runs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = GO_LINE.matcher(line.trim());
            if (m.find()) runs.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Double.parseDouble(m.group(2)));
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        runs.forEach((name, xs) -> medians.put(name, median(xs)));
        return medians;
    }

    /** Extras: who to metric to value; lines that are not "<who> <metric> <number>" are ignored. */
    static Map<String, Map<String, Double>> readExtras(Path file) throws IOException {
        Map<String, Map<String, Double>> extras = new LinkedHashMap<>();
        if (!Files.exists(file)) return extras;
        for (String line : Files.readAllLines(file)) {
            String[] p = line.trim().split("\\s+");
            if (p.length != 3) continue;
            try {
                extras.computeIfAbsent(p[0], k -> new LinkedHashMap<>()).put(p[1], Double.parseDouble(p[2]));
            } catch (NumberFormatException ignored) {
                // a progress line, not a figure
            }
        }
        return extras;
    }

    /** Benchmark (class name without "Bench") to method to score in ns/op. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Double>> readJmh(Path file) throws IOException {
        Map<String, Map<String, Double>> byBench = new TreeMap<>();
        for (Object o : (List<Object>) new Json(Files.readString(file)).value()) {
            Map<String, Object> result = (Map<String, Object>) o;
            String full = (String) result.get("benchmark"); // go4j.bench.SpawnBench.go4j
            Map<String, Object> metric = (Map<String, Object>) result.get("primaryMetric");
            double ns = toNanos((Double) metric.get("score"), (String) metric.get("scoreUnit"));
            String[] parts = full.split("\\.");
            String cls = parts[parts.length - 2], method = parts[parts.length - 1];
            String bench = cls.endsWith("Bench") ? cls.substring(0, cls.length() - "Bench".length()) : cls;
            Map<String, Object> params = (Map<String, Object>) result.get("params");
            if (params != null && !params.isEmpty()) method += params.toString();
            byBench.computeIfAbsent(bench, k -> new LinkedHashMap<>()).put(method, ns);
        }
        return byBench;
    }

    static double toNanos(double score, String unit) {
        return switch (unit) {
            case "ns/op" -> score;
            case "us/op" -> score * 1e3;
            case "ms/op" -> score * 1e6;
            case "s/op" -> score * 1e9;
            // throughput modes (CheckpointBench): the inverse, so every score reads as ns per op
            case "ops/ns" -> 1 / score;
            case "ops/us" -> 1e3 / score;
            case "ops/ms" -> 1e6 / score;
            case "ops/s" -> 1e9 / score;
            default -> throw new IllegalArgumentException("unit " + unit + ": use average-time or throughput modes");
        };
    }

    /** Whether a benchmark belongs to the channel set (ports of Go's chan_test.go and PingPongHog). */
    static boolean channelSet(String name) {
        return name.startsWith("Chan") || name.startsWith("Select") || name.equals("PingPongHog");
    }

    /** Benchmarks in print order: JMH's (sorted), then Go-only ones. */
    static List<String> names(Map<String, Double> go, Map<String, Map<String, Double>> jmh) {
        List<String> names = new ArrayList<>(jmh.keySet());
        for (String g : go.keySet()) if (!names.contains(g)) names.add(g);
        return names;
    }

    static String table(Map<String, Double> go, Map<String, Map<String, Double>> jmh, String goVersion,
                        Map<String, Map<String, Double>> extras) {
        StringBuilder md = new StringBuilder();
        md.append("# go4j vs Go vs JDK virtual threads\n\n")
                .append(String.format("%s; JDK %s; %s; %d cores. Lower ns/op is better; go4j/Go below 1 means go4j is "
                                + "faster; JDK baseline/go4j above 1 means go4j is faster than the JDK.%n%n",
                        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), Runtime.version(),
                        goVersion, Runtime.getRuntime().availableProcessors()))
                .append("| benchmark | go4j ns/op | Go ns/op | go4j/Go | JDK baseline (default VTs) ns/op | JDK baseline/go4j |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        List<String> names = names(go, jmh);
        double logSum = 0, chanLogSum = 0;
        int ratios = 0, chanRatios = 0;
        for (String name : names) {
            Map<String, Double> variants = jmh.getOrDefault(name, Map.of());
            Double g4 = variants.get("go4j"), vt = variants.get("jdkVirtual"), gg = go.get(name);
            if (g4 == null && vt == null && gg == null) continue; // JMH-only variants (CheckpointBench): listed below
            if (g4 != null && gg != null) {
                logSum += Math.log(g4 / gg);
                ratios++;
                if (channelSet(name)) { chanLogSum += Math.log(g4 / gg); chanRatios++; }
            }
            md.append("| ").append(name)
                    .append(" | ").append(num(g4))
                    .append(" | ").append(num(gg))
                    .append(" | ").append(g4 != null && gg != null ? ratio(g4 / gg) : "-")
                    .append(" | ").append(num(vt))
                    .append(" | ").append(vt != null && g4 != null ? ratio(vt / g4) : "-")
                    .append(" |\n");
        }
        double geomean = ratios == 0 ? Double.NaN : Math.exp(logSum / ratios);
        md.append("\nGeometric mean of go4j/Go over all ").append(ratios).append(" benchmarks: ")
                .append(ratios == 0 ? "-" : ratio(geomean));
        md.append("; over the ").append(chanRatios).append(" channel and select benchmarks: ")
                .append(chanRatios == 0 ? "-" : ratio(Math.exp(chanLogSum / chanRatios))).append("\n");
        md.append("\nUnits (ns per op): ");
        List<String> units = new ArrayList<>();
        UNITS.forEach((k, v) -> units.add(k + " " + v));
        md.append(String.join("; ", units)).append(".\n");
        for (String name : names) {
            String note = NOTES.get(name);
            if (note != null) md.append("- ").append(name).append(": ").append(note).append('\n');
        }

        extrasSection(md, extras);
        targets(md, go, jmh, geomean, extras);

        StringBuilder others = new StringBuilder();
        for (var e : jmh.entrySet()) {
            for (var v : e.getValue().entrySet()) {
                if (v.getKey().equals("go4j") || v.getKey().equals("jdkVirtual")) continue;
                others.append("| ").append(e.getKey()).append('.').append(v.getKey())
                        .append(" | ").append(num(v.getValue())).append(" |\n");
            }
        }
        if (!others.isEmpty()) {
            md.append("\nOther variants (platform threads, JDK baselines):\n\n| benchmark | ns/op |\n|---|---:|\n")
                    .append(others);
        }
        return md.toString();
    }

    /** Memory per parked goroutine and the blocking gaps, when the extras file has them. */
    static void extrasSection(StringBuilder md, Map<String, Map<String, Double>> x) {
        if (x.isEmpty()) return;
        Double jb = get(x, "go4j", "parkedRecvHeapBytesPerGoroutine"), gb = get(x, "go", "parkedRecvBytesPerGoroutine");
        if (jb != null || gb != null) {
            md.append("\n## Memory per goroutine parked in a channel receive\n\n")
                    .append("| | go4j | Go |\n|---|---:|---:|\n")
                    .append("| bytes per parked goroutine | ").append(num(jb)).append(" | ").append(num(gb)).append(" |\n")
                    .append("\ngo4j: heap in use after full GCs (MemoryMXBean), 1,000,000 goroutines in ch.recv() on one "
                            + "channel, -Djdk.trackAllThreads=false as the launcher runs; Go: HeapInuse + StackInuse "
                            + "(runtime.ReadMemStats) after runtime.GC(), the same shape.\n");
        }
        String[] whos = {"osThread", "jdkVirtual", "go4j", "go"};
        String[] titles = {"OS threads", "JDK default VTs, parallelism 1", "go4j, GOMAXPROCS 1", "Go, GOMAXPROCS 1"};
        boolean any = false;
        for (String w : whos) any |= get(x, w, "blockingIoGapMs") != null;
        if (any) {
            md.append("\n## Largest ticker gap (ms) during blocking: a 10 ms ticker beside one 500 ms blocking call, "
                    + "or beside two 500 ms CPU loops\n\n| | ");
            md.append(String.join(" | ", titles)).append(" |\n|---|---:|---:|---:|---:|\n");
            for (String metric : new String[] {"blockingIoGapMs", "blockingCpuGapMs"}) {
                md.append(metric.equals("blockingIoGapMs") ? "| blocking call (usleep / nanosleep)" : "| two CPU loops");
                for (String w : whos) md.append(" | ").append(num(get(x, w, metric)));
                md.append(" |\n");
            }
            md.append("\ngo4j and the JDK: an undeclared FFM downcall to libc usleep; go4j's CPU loops call "
                    + "Go.checkpoint() each iteration (what the agent inserts). Go: syscall.Nanosleep; its loops are "
                    + "preempted asynchronously.\n");
        }
    }

    private static Double get(Map<String, Map<String, Double>> x, String who, String metric) {
        Map<String, Double> m = x.get(who);
        return m == null ? null : m.get(metric);
    }

    /** The targets of the channel work, each with its measured figure and whether it is met. */
    static void targets(StringBuilder md, Map<String, Double> go, Map<String, Map<String, Double>> jmh, double geomean,
                        Map<String, Map<String, Double>> x) {
        Map<String, Double> pp = jmh.getOrDefault("ChanPingPong", Map.of());
        Double g4 = pp.get("go4j"), vt = pp.get("jdkVirtual"), gg = go.get("ChanPingPong");
        Double bytes = get(x, "go4j", "parkedRecvHeapBytesPerGoroutine");
        md.append("\n## Targets\n\n| target | measured | met |\n|---|---:|---|\n");
        target(md, "unbuffered ping-pong round trip <= 1.3x Go's", g4 != null && gg != null ? g4 / gg : null,
                r -> r <= PING_PONG_VS_GO, "x");
        target(md, "geometric mean of go4j/Go <= 1.5", Double.isNaN(geomean) ? null : geomean,
                r -> r <= GEOMEAN_VS_GO, "x");
        target(md, "ping-pong >= 2x faster than SynchronousQueue on default VTs", vt != null && g4 != null ? vt / g4 : null,
                r -> r >= PING_PONG_VS_SYNCHRONOUS_QUEUE, "x");
        target(md, "<= 1 KB heap per goroutine parked in recv", bytes, b -> b <= PARKED_BYTES, " B");
    }

    private static void target(StringBuilder md, String what, Double v, java.util.function.DoublePredicate ok, String unit) {
        md.append("| ").append(what).append(" | ")
                .append(v == null ? "-" : (unit.equals("x") ? ratio(v) + "x" : num(v) + unit))
                .append(" | ").append(v == null ? "not measured" : ok.test(v) ? "yes" : "**no**").append(" |\n");
    }

    /** A horizontal bar chart of go4j/Go and JDK baseline/Go per benchmark, log scale, 1 marked. */
    static String svg(Map<String, Double> go, Map<String, Map<String, Double>> jmh) {
        record Bar(String name, Double go4j, Double jdk) {}
        List<Bar> bars = new ArrayList<>();
        for (String name : names(go, jmh)) {
            Map<String, Double> v = jmh.getOrDefault(name, Map.of());
            Double gg = go.get(name), g4 = v.get("go4j"), vt = v.get("jdkVirtual");
            if (gg == null || (g4 == null && vt == null)) continue;
            bars.add(new Bar(name, g4 == null ? null : g4 / gg, vt == null ? null : vt / gg));
        }
        double lo = 0.25, hi = 4;
        for (Bar b : bars) {
            for (Double r : new Double[] {b.go4j(), b.jdk()}) {
                if (r == null) continue;
                while (r < lo) lo /= 2;
                while (r > hi) hi *= 2;
            }
        }
        int left = 190, width = 560, rowH = 26, top = 50, n = bars.size();
        int height = top + n * rowH + 50;
        double l0 = Math.log(lo), l1 = Math.log(hi);
        java.util.function.DoubleUnaryOperator xOf = r -> left + (Math.log(r) - l0) / (l1 - l0) * width;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", left + width + 80, height));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">"
                + "Time per op relative to Go (log scale; left of 1 = faster than Go)</text>%n", left));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"30\" width=\"12\" height=\"10\" fill=\"#2a7ab9\"/>"
                + "<text x=\"%d\" y=\"39\">go4j / Go</text>"
                + "<rect x=\"%d\" y=\"30\" width=\"12\" height=\"10\" fill=\"#e39b3a\"/>"
                + "<text x=\"%d\" y=\"39\">JDK baseline (default VTs) / Go</text>%n", left, left + 16, left + 110, left + 126));
        for (double t = lo; t <= hi * 1.0001; t *= 2) {
            double x = xOf.applyAsDouble(t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, top, x, top + n * rowH, t == 1 ? "black" : "#ddd", t == 1 ? "1.5" : "1", x, top + n * rowH + 16,
                    t >= 1 ? String.format(Locale.ROOT, "%.0fx", t) : String.format(Locale.ROOT, "1/%.0f", 1 / t)));
        }
        double one = xOf.applyAsDouble(1);
        for (int i = 0; i < n; i++) {
            Bar b = bars.get(i);
            int y = top + i * rowH;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", left - 6, y + 16, b.name()));
            Double[] rs = {b.go4j(), b.jdk()};
            String[] colors = {"#2a7ab9", "#e39b3a"};
            for (int k = 0; k < 2; k++) {
                if (rs[k] == null) continue;
                double x = xOf.applyAsDouble(rs[k]);
                double x0 = Math.min(one, x), w = Math.max(1, Math.abs(x - one));
                int by = y + 3 + k * 10;
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"9\" fill=\"%s\"/>"
                        + "<text x=\"%.1f\" y=\"%d\" font-size=\"9\">%s</text>%n",
                        x0, by, w, colors[k], Math.max(x, one) + 3, by + 8, ratio(rs[k])));
            }
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s; JDK %s</text>%n", left, height - 10,
                ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE), Runtime.version()));
        s.append("</svg>\n");
        return s.toString();
    }

    static String num(Double ns) {
        if (ns == null) return "-";
        return ns >= 100 ? String.format("%,.0f", ns) : String.format("%.1f", ns);
    }

    static String ratio(double r) { return String.format("%.2f", r); }

    static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** Just enough JSON for JMH's result file: objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) { this.s = s; }

        Object value() {
            blanks();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                while (true) {
                    blanks();
                    if (s.charAt(i) == '}') { i++; return m; }
                    String k = (String) value();
                    blanks();
                    i++; // ':'
                    m.put(k, value());
                    blanks();
                    if (s.charAt(i) == ',') i++;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                while (true) {
                    blanks();
                    if (s.charAt(i) == ']') { i++; return l; }
                    l.add(value());
                    blanks();
                    if (s.charAt(i) == ',') i++;
                }
            }
            if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (s.charAt(i) != '"') {
                    char ch = s.charAt(i++);
                    if (ch == '\\') {
                        char e = s.charAt(i++);
                        switch (e) {
                            case 'n' -> b.append('\n');
                            case 't' -> b.append('\t');
                            case 'r' -> b.append('\r');
                            case 'b' -> b.append('\b');
                            case 'f' -> b.append('\f');
                            case 'u' -> { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                            default -> b.append(e);
                        }
                    } else {
                        b.append(ch);
                    }
                }
                i++;
                return b.toString();
            }
            for (String lit : new String[] {"true", "false", "null"}) {
                if (s.startsWith(lit, i)) {
                    i += lit.length();
                    return lit.equals("null") ? null : Boolean.valueOf(lit);
                }
            }
            if (s.startsWith("\"NaN\"", i)) { i += 5; return Double.NaN; }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            if (start == i) throw new IllegalArgumentException("bad JSON at offset " + i);
            return Double.valueOf(s.substring(start, i));
        }

        private void blanks() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }
    }
}
