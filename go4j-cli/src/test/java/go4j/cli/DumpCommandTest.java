package go4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./go4j dump <pid>} against a running go4j program ({@link BlockedProgram}) in another JVM. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DumpCommandTest {
    static Process target;

    @BeforeAll
    static void startTheProgram() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-Djdk.trackAllThreads=false",
                "-cp", System.getProperty("java.class.path"), BlockedProgram.class.getName()));
        target = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).isEqualTo("ready");
    }

    @AfterAll
    static void stopIt() throws Exception {
        target.getOutputStream().close(); // its main returns
        if (!target.waitFor(30, TimeUnit.SECONDS)) target.destroyForcibly();
    }

    private static String dump(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("dump"));
        all.addAll(List.of(args));
        int status = cl.execute(all.toArray(new String[0]));
        assertThat(status).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void printsEveryGoroutineInGosTracebackForm() {
        String out = dump(Long.toString(target.pid()));
        assertThat(out).containsPattern("goroutine \\d+ \\[chan receive\\]:\n")
                .contains("\tat go4j.cli.BlockedProgram.waitOn(BlockedProgram.java:")
                .contains("created by go4j.cli.BlockedProgram.main(BlockedProgram.java:");
        assertThat(out.split("\\[chan receive\\]", -1)).hasSize(4); // three goroutines
    }

    @Test
    void groupedIsGosDebug1Form() {
        String out = dump(Long.toString(target.pid()), "--grouped");
        assertThat(out).startsWith("goroutine profile: total ")
                .contains("3 @ [chan receive]\n")
                .contains("#\tgo4j.cli.BlockedProgram.waitOn(BlockedProgram.java:");
    }

    @Test
    void pprofWritesAProfileGoToolPprofReads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("goroutine.pb.gz");
        String out = dump(Long.toString(target.pid()), "--pprof", file.toString());
        assertThat(out).contains(file.toAbsolutePath().toString());
        byte[] raw = new GZIPInputStream(Files.newInputStream(file)).readAllBytes();
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).contains("go4j.cli.BlockedProgram.waitOn").contains("chan receive");
        Assumptions.assumeTrue(onPath("go"), "go is not installed: run bench/setup (Debian's golang-go) to read the profile with go tool pprof");
        Process p = new ProcessBuilder("go", "tool", "pprof", "-top", file.toString()).redirectErrorStream(true).start();
        String top = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(top).contains("Type: goroutine").contains("go4j.cli.BlockedProgram.waitOn");
    }

    @Test
    void aProcessThatIsNotThereIsACleanError() {
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("dump", "999999999")).isNotZero();
        assertThat(err.toString()).contains("cannot attach to process 999999999");
    }

    static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) return true;
        }
        return false;
    }
}
