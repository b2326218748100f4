package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.Go;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GOMAXPROCS comes from availableProcessors, then GO4J_MAXPROCS, then -Dgo4j.maxprocs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GomaxprocsSettingTest {

    /** The child JVM's program. */
    public static final class Main {
        public static void main(String[] args) {
            System.out.println("gomaxprocs=" + Go.gomaxprocs() + " cores=" + Runtime.getRuntime().availableProcessors());
        }
    }

    private static String run(String env, String prop) throws Exception {
        String cp = Path.of(Go.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + java.io.File.pathSeparator
                + Path.of(GomaxprocsSettingTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.lang=ALL-UNNAMED"));
        if (prop != null) cmd.add("-Dgo4j.maxprocs=" + prop);
        cmd.addAll(List.of("-cp", cp, Main.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("GO4J_MAXPROCS");
        if (env != null) pb.environment().put("GO4J_MAXPROCS", env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void defaultIsTheCoreCount() throws Exception {
        String out = run(null, null);
        String cores = out.substring(out.indexOf("cores=") + 6);
        assertThat(out).startsWith("gomaxprocs=" + cores + " ");
    }

    @Test
    void environmentThenPropertyOverride() throws Exception {
        assertThat(run("3", null)).startsWith("gomaxprocs=3 ");
        assertThat(run("3", "5")).startsWith("gomaxprocs=5 ");
        assertThat(run(null, "7")).startsWith("gomaxprocs=7 ");
    }

    @Test
    void badValuesAreIgnoredWithOneLine() throws Exception {
        String out = run("zero", null);
        assertThat(out).contains("go4j: ignoring GO4J_MAXPROCS=zero (want a whole number >= 1)");
    }
}
