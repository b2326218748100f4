package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.Go;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * go4j as the named module {@code go4j} on the module path: a program module that requires it
 * runs goroutines on go4j's scheduler with {@code --add-opens java.base/java.lang=go4j}, and
 * without it the fallback warning gives that flag (not the class path's {@code ALL-UNNAMED}).
 * The suite itself runs on the class path, as most users do.
 */
class ModulePathTest {

    @TempDir
    static Path dir;
    static Path go4j, app;

    @BeforeAll
    static void compileAProgramModule() throws Exception {
        go4j = Path.of(Go.class.getProtectionDomain().getCodeSource().getLocation().toURI()); // has module-info.class
        Path src = dir.resolve("src/demo");
        Files.createDirectories(src.resolve("demo"));
        Files.writeString(src.resolve("module-info.java"), "module demo { requires go4j; }\n");
        Files.writeString(src.resolve("demo/Main.java"), """
                package demo;

                import go4j.Chan;
                import go4j.Go;

                public class Main {
                    public static void main(String[] args) {
                        Chan<String> c = Chan.make();
                        Go.go(() -> c.send("from a goroutine"));
                        System.out.println(c.recv() + ", scheduler " + (Go.schedulerActive() ? "go4j" : "jdk")
                                + ", module " + Go.class.getModule().getName());
                    }
                }
                """);
        app = dir.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
        int rc = ToolProvider.findFirst("javac").orElseThrow().run(errs, errs,
                "--module-path", go4j.toString(), "-d", app.toString(),
                src.resolve("module-info.java").toString(), src.resolve("demo/Main.java").toString());
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void withTheModulesOpensTheProgramRunsOnGo4jsScheduler() throws Exception {
        String out = run("--add-opens", "java.base/java.lang=go4j");
        assertThat(out).contains("from a goroutine, scheduler go4j, module go4j").doesNotContain("warning");
    }

    @Test
    void withoutItTheWarningNamesTheModule() throws Exception {
        String out = run();
        assertThat(out).contains("from a goroutine, scheduler jdk, module go4j")
                .contains("run with --add-opens java.base/java.lang=go4j)")
                .doesNotContain("ALL-UNNAMED");
    }

    private static String run(String... flags) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-Djdk.trackAllThreads=false", "-Dgo4j.jmx=false",
                "--module-path", go4j + java.io.File.pathSeparator + app, "-m", "demo/demo.Main"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
