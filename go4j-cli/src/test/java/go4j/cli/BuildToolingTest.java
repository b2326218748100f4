package go4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's entry points on a machine whose default JDK is too old: {@code ./mvnw} picks a JDK
 * 25 by itself, or says in one line that it needs one; plain {@code mvn} on an old JDK stops with
 * one line saying Maven must run on JDK 25. Skipped where there is no older JDK (or no {@code mvn})
 * to try with.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BuildToolingTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private record Run(int exit, String out) {}

    private static Run run(Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    /** A JDK older than 25 under /usr/lib/jvm, if the machine has one. */
    private static Optional<Path> oldJdk() throws Exception {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) return Optional.empty();
        try (Stream<Path> dirs = Files.list(jvms)) {
            for (Path d : dirs.sorted().toList()) {
                if (!Files.isExecutable(d.resolve("bin/javac")) || Files.isSymbolicLink(d)) continue;
                Run v = run(Map.of(), d.resolve("bin/java").toString(), "-XshowSettings:properties", "-version");
                var m = java.util.regex.Pattern.compile("java\\.specification\\.version = (\\d+)").matcher(v.out);
                if (m.find() && Integer.parseInt(m.group(1)) < 25) return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    @Test
    void mvnwPicksAJdk25WhenJavaHomeIsOlder() throws Exception {
        Optional<Path> old = oldJdk();
        assumeTrue(old.isPresent(), "no JDK older than 25 here");
        Run r = run(Map.of("JAVA_HOME", old.get().toString()), "sh", "mvnw", "-B", "-v");
        assertThat(r.exit).as(r.out).isZero();
        assertThat(r.out).containsPattern("Java version: 2[5-9]|Java version: [3-9]\\d");
    }

    @Test
    void mvnwWithoutAnyJdk25SaysSoInOneLine(@TempDir Path emptyJvmDir) throws Exception {
        Optional<Path> old = oldJdk();
        assumeTrue(old.isPresent(), "no JDK older than 25 here");
        Run r = run(Map.of("JAVA_HOME", old.get().toString(), "GO4J_JVM_DIR", emptyJvmDir.toString()), "sh", "mvnw", "-v");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.out.strip()).isEqualTo("go4j: ./mvnw needs a JDK >= 25 (set JAVA_HOME to one, "
                + "or install one under /usr/lib/jvm, e.g. Temurin 25)");
    }

    @Test
    void plainMavenOnAnOldJdkSaysItMustRunOnJdk25() throws Exception {
        Optional<Path> old = oldJdk();
        assumeTrue(old.isPresent(), "no JDK older than 25 here");
        Optional<Path> mvn = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(d -> Path.of(d, "mvn")).filter(Files::isExecutable).findFirst();
        assumeTrue(mvn.isPresent(), "no mvn on PATH");
        List<String> cmd = new ArrayList<>(List.of(mvn.get().toString(), "-B", "-N", "-o", "validate"));
        Run r = run(Map.of("JAVA_HOME", old.get().toString()), cmd.toArray(String[]::new));
        assumeTrue(!r.out.contains("Cannot access") && !r.out.contains("offline mode"),
                "the enforcer plugin is not in the local repository yet");
        assertThat(r.exit).isNotZero();
        assertThat(r.out).doesNotContain("Unrecognized option")
                .contains("go4j: Maven must run on JDK 25 or newer (this one is ");
    }
}
