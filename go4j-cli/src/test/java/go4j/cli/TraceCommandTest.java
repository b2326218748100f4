package go4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./go4j trace} on the known program, the examples' pipeline at GOMAXPROCS 2, run once for
 * all tests: the command writes both files and prints their paths; trace.json is valid trace-event
 * JSON with a lane per P and the stages' goroutines on them; trace.html, rendered in headless
 * Chromium, runs without script errors and draws the same (with a screenshot under target/).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TraceCommandTest {
    static final Path PIPELINE = Path.of("../examples/src/main/java/examples/Pipeline.java");
    static final Path OUT = Path.of("target/trace-test");
    static final List<String> STAGES = List.of("Pipeline.gen", "Pipeline.sq", "Pipeline.merge");
    static String printed;
    static int status;

    @BeforeAll
    static void traceThePipeline() {
        StringWriter out = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        status = cl.execute("trace", "--maxprocs", "2", "--out", OUT.toString(), PIPELINE.toString());
        printed = out.toString();
    }

    @Test
    void writesBothFilesAndPrintsTheirPaths() {
        assertThat(status).as(printed).isZero();
        assertThat(printed).contains(OUT.resolve("trace.html").toAbsolutePath().toString())
                .contains(OUT.resolve("trace.json").toAbsolutePath().toString())
                .contains("on 2 Ps");
        assertThat(OUT.resolve("trace.html")).isNotEmptyFile();
        assertThat(OUT.resolve("trace.json")).isNotEmptyFile();
    }

    @Test
    void traceJsonIsValidTraceEventFormatWithALanePerPAndTheStages() throws Exception {
        JsonNode root = new ObjectMapper().readTree(OUT.resolve("trace.json").toFile());
        JsonNode events = root.get("traceEvents");
        assertThat(events.isArray()).isTrue();
        Set<String> phases = Set.of("B", "E", "X", "i", "s", "f", "b", "e", "M");
        Map<String, Double> lastTs = new HashMap<>();
        Map<String, List<String>> open = new HashMap<>();
        Map<Long, Integer> flows = new HashMap<>();
        Set<String> pLanes = new TreeSet<>(), functions = new HashSet<>(), cats = new HashSet<>();
        int spans = 0;
        for (JsonNode e : events) {
            assertThat(e.path("name").isTextual()).as("name: %s", e).isTrue();
            String ph = e.path("ph").asText();
            assertThat(phases).as("ph of %s", e).contains(ph);
            assertThat(e.path("pid").isInt()).as("pid: %s", e).isTrue();
            if (ph.equals("M")) {
                if (e.get("name").asText().equals("thread_name") && e.get("pid").asInt() == 1
                        && e.path("args").path("name").asText().matches("P\\d+")) pLanes.add(e.path("args").path("name").asText());
                continue;
            }
            assertThat(e.path("tid").isInt()).as("tid: %s", e).isTrue();
            assertThat(e.path("ts").isNumber()).as("ts: %s", e).isTrue();
            double ts = e.get("ts").asDouble();
            assertThat(ts).isGreaterThanOrEqualTo(0);
            String lane = e.get("pid").asInt() + "/" + e.get("tid").asInt();
            assertThat(ts).as("timestamps in order on lane %s: %s", lane, e).isGreaterThanOrEqualTo(lastTs.getOrDefault(lane, 0.0));
            lastTs.put(lane, ts);
            cats.add(e.path("cat").asText());
            switch (ph) {
                case "B" -> {
                    open.computeIfAbsent(lane, k -> new ArrayList<>()).add(e.get("name").asText());
                    functions.add(e.path("args").path("function").asText());
                    spans++;
                }
                case "E" -> {
                    List<String> stack = open.getOrDefault(lane, new ArrayList<>());
                    assertThat(stack).as("an E without its B on lane %s at %s", lane, ts).isNotEmpty();
                    assertThat(stack.removeLast()).isEqualTo(e.get("name").asText());
                }
                case "X" -> assertThat(e.path("dur").asDouble(-1)).as("dur: %s", e).isGreaterThanOrEqualTo(0);
                case "s" -> flows.merge(e.get("id").asLong(), 1, Integer::sum);
                case "f" -> flows.merge(e.get("id").asLong(), 100, Integer::sum);
                default -> { }
            }
        }
        open.forEach((lane, stack) -> assertThat(stack).as("unbalanced B/E on lane %s", lane).isEmpty());
        assertThat(pLanes).containsExactly("P0", "P1");
        assertThat(spans).isGreaterThan(100);
        for (String stage : STAGES) assertThat(functions).as("spans of " + stage).anyMatch(f -> f.contains(stage));
        assertThat(flows).as("flow arrows from unparks to runs").isNotEmpty().allSatisfy((id, n) -> assertThat(n).isEqualTo(101));
        assertThat(cats).contains("run", "create", "park", "unpark");
    }

    @Test
    void theTimelineRendersInHeadlessChromium() throws Exception {
        String chromium = chromium();
        Assumptions.assumeTrue(chromium != null,
                "chromium is not installed: run go4j-cli/setup-chromium (installs Debian's chromium) to render trace.html in a test");
        Path html = OUT.resolve("trace.html").toAbsolutePath();
        Path profile = Files.createTempDirectory("go4j-chromium");
        String dom = run(chromium, profile, "--dump-dom", html.toUri().toString());
        assertThat(dom).contains("data-rendered=\"true\"").contains("data-js-errors=\"0\"");
        assertThat(count(dom, "class=\"lane proc\"")).as("one lane per P").isEqualTo(2);
        for (String stage : STAGES) {
            assertThat(dom).as("a span of " + stage).containsPattern("data-fns?=\"[^\"]*" + stage.replace(".", "\\."));
        }
        assertThat(dom).contains("Goroutine analysis").contains("Pipeline.sq:");

        // A screenshot for a person to look at, with one of the squaring stages picked.
        JsonNode events = new ObjectMapper().readTree(OUT.resolve("trace.json").toFile()).get("traceEvents");
        long sq = -1;
        for (JsonNode e : events) {
            if (e.path("ph").asText().equals("B") && e.path("args").path("function").asText().contains("Pipeline.sq")) {
                sq = e.path("args").path("goid").asLong();
                break;
            }
        }
        Path shot = Path.of("target/trace-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        run(chromium, profile, "--window-size=1400,1100", "--screenshot=" + shot, html.toUri() + "#g=" + sq);
        assertThat(shot).isNotEmptyFile();
        String picked = run(chromium, profile, "--dump-dom", html.toUri() + "#g=" + sq);
        assertThat(picked).contains("Goroutine " + sq).contains("data-js-errors=\"0\"").contains("woken by");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }

    /** Runs headless Chromium; returns its stdout, failing on a script error it logs. */
    private static String run(String chromium, Path profile, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("go4j-chromium", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
            String log = Files.readString(err);
            assertThat(log).as("console of " + String.join(" ", args)).doesNotContain("Uncaught");
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    static String chromium() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) return Path.of(dir, name).toString();
            }
        }
        return null;
    }
}
