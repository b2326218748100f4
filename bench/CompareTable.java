/*
 * The table of bench/compare: reads Go's `go test -bench` output and JMH's JSON results, matches
 * Benchmark<X> (Go) with go4j.bench.<X>Bench.go4j and .jdkVirtual (JMH), and prints a Markdown
 * table: benchmark, go4j ns/op, Go ns/op, go4j/Go, JDK default virtual threads ns/op, JDK/go4j,
 * then the geometric mean of go4j/Go, then every other JMH variant (platform threads, baselines).
 * Writes the same Markdown to the output file.
 *
 * Usage: java bench/CompareTable.java go-bench.txt jmh.json compare.md ["go version ..."]
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
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class CompareTable {

    /** `BenchmarkSpawn-2   123456   130.5 ns/op ...` */
    private static final Pattern GO_LINE = Pattern.compile("^Benchmark(\\w+?)(?:-\\d+)?\\s+\\d+\\s+([0-9.]+) ns/op");

    /** What differs between a benchmark's twins, printed under the table. */
    private static final Map<String, String> NOTES = Map.of(
            "PingPong", "go4j and JDK hand the turn over with LockSupport park/unpark; Go sends on unbuffered channels.",
            "Skynet", "go4j and JDK children add into an AtomicLong and count down; Go children send on a buffered channel.");

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: java CompareTable.java go-bench.txt jmh.json compare.md [go-version]");
            System.exit(2);
        }
        Map<String, Double> go = readGo(Path.of(args[0]));
        Map<String, Map<String, Double>> jmh = readJmh(Path.of(args[1]));
        String goVersion = args.length > 3 ? args[3] : "go (version unknown)";
        String md = table(go, jmh, goVersion);
        System.out.print(md);
        Files.writeString(Path.of(args[2]), md);
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
            default -> throw new IllegalArgumentException("unit " + unit + ": use average-time modes");
        };
    }

    static String table(Map<String, Double> go, Map<String, Map<String, Double>> jmh, String goVersion) {
        StringBuilder md = new StringBuilder();
        md.append("# go4j vs Go vs JDK virtual threads\n\n")
                .append(String.format("%s; JDK %s; %s; %d cores. Lower ns/op is better; go4j/Go below 1 means go4j is faster.%n%n",
                        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), Runtime.version(),
                        goVersion, Runtime.getRuntime().availableProcessors()))
                .append("| benchmark | go4j ns/op | Go ns/op | go4j/Go | JDK default VT ns/op | JDK/go4j |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        List<String> names = new ArrayList<>(jmh.keySet());
        for (String g : go.keySet()) if (!names.contains(g)) names.add(g);
        double logSum = 0;
        int ratios = 0;
        for (String name : names) {
            Map<String, Double> variants = jmh.getOrDefault(name, Map.of());
            Double g4 = variants.get("go4j"), vt = variants.get("jdkVirtual"), gg = go.get(name);
            if (g4 != null && gg != null) { logSum += Math.log(g4 / gg); ratios++; }
            md.append("| ").append(name)
                    .append(" | ").append(num(g4))
                    .append(" | ").append(num(gg))
                    .append(" | ").append(g4 != null && gg != null ? ratio(g4 / gg) : "-")
                    .append(" | ").append(num(vt))
                    .append(" | ").append(vt != null && g4 != null ? ratio(vt / g4) : "-")
                    .append(" |\n");
        }
        md.append("\nGeometric mean of go4j/Go over ").append(ratios).append(" benchmarks: ")
                .append(ratios == 0 ? "-" : ratio(Math.exp(logSum / ratios))).append("\n");
        md.append("\nUnits: Spawn per goroutine, Yield per yield, PingPong per round trip, Skynet per tree of 1,111,111.\n");
        for (String name : names) {
            String note = NOTES.get(name);
            if (note != null) md.append("- ").append(name).append(": ").append(note).append('\n');
        }

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
