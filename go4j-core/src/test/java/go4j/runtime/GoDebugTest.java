package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.Go;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GO4J_DEBUG and -Dgo4j.debug: known keys parsed, everything else ignored with one line. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GoDebugTest {

    private final List<String> warnings = new ArrayList<>();

    private GoDebug parse(String setting) {
        return GoDebug.parse(setting, "GO4J_DEBUG", warnings::add);
    }

    @Test
    void parsesKnownKeysWithSpacesAndEmptyParts() {
        assertThat(parse(" schedtrace = 250 ,").schedtraceMs()).isEqualTo(250);
        assertThat(parse("schedtrace=0").schedtraceMs()).isZero();
        assertThat(warnings).isEmpty();
    }

    @Test
    void nothingSetMeansDefaults() {
        assertThat(parse(null).schedtraceMs()).isZero();
        assertThat(parse("  ").values()).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void unknownKeyIsWarnedAboutAndTheOthersStillApply() {
        GoDebug d = parse("scheddetail=1,schedtrace=100");
        assertThat(warnings).containsExactly("go4j: GO4J_DEBUG: unknown key scheddetail");
        assertThat(d.schedtraceMs()).isEqualTo(100);
    }

    @Test
    void badValuesAreWarnedAboutAndIgnored() {
        assertThat(parse("schedtrace=abc").schedtraceMs()).isZero();
        assertThat(parse("schedtrace=-5").schedtraceMs()).isZero();
        assertThat(parse("schedtrace").values()).isEmpty();
        assertThat(warnings).containsExactly(
                "go4j: GO4J_DEBUG: bad value schedtrace=abc (want a whole number of milliseconds >= 0)",
                "go4j: GO4J_DEBUG: bad value schedtrace=-5 (want a whole number of milliseconds >= 0)",
                "go4j: GO4J_DEBUG: ignoring \"schedtrace\" (want key=value)");
    }

    @Test
    void theLastValueOfARepeatedKeyWins() {
        assertThat(parse("schedtrace=1,schedtrace=2").schedtraceMs()).isEqualTo(2);
    }

    @Test
    void thePropertyOverridesTheEnvironmentKeyByKey() {
        GoDebug env = parse("schedtrace=100");
        assertThat(env.overriddenBy(parse("schedtrace=7")).schedtraceMs()).isEqualTo(7);
        assertThat(env.overriddenBy(parse(null)).schedtraceMs()).isEqualTo(100);
        assertThat(parse(null).overriddenBy(env).values()).isEqualTo(Map.of("schedtrace", 100L));
    }

    /** The child JVM's program: starts the runtime, which reads the settings. */
    public static final class Main {
        public static void main(String[] args) {
            System.out.println("gomaxprocs=" + Go.gomaxprocs());
        }
    }

    private static String run(String env, String prop) throws Exception {
        String cp = Path.of(Go.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + java.io.File.pathSeparator
                + Path.of(GoDebugTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dgo4j.jmx=false"));
        if (prop != null) cmd.add("-Dgo4j.debug=" + prop);
        cmd.addAll(List.of("-cp", cp, Main.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("GO4J_DEBUG");
        if (env != null) pb.environment().put("GO4J_DEBUG", env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void theRuntimeWarnsOnceForEachBadSettingOfEitherSource() throws Exception {
        String out = run("scheddetail=1", "schedtrace=abc");
        assertThat(out.lines().filter(l -> l.startsWith("go4j:"))).containsExactly(
                "go4j: GO4J_DEBUG: unknown key scheddetail",
                "go4j: -Dgo4j.debug: bad value schedtrace=abc (want a whole number of milliseconds >= 0)");
        assertThat(out).contains("gomaxprocs=");
    }
}
