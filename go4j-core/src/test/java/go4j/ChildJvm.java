package go4j;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test support: runs a main class of the test classes in a fresh JVM and returns what it printed and its exit status. */
public final class ChildJvm {
    private ChildJvm() {}

    /** What a child JVM did: its exit status and its stdout and stderr together. */
    public record Result(int exit, String output) {}

    /** Runs {@code main} with go4j's usual flags, then {@code jvmArgs}, then the class and {@code args}. */
    public static Result run(Class<?> main, List<String> jvmArgs, String... args) {
        try {
            String cp = Path.of(Go.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + File.pathSeparator
                    + Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("--add-opens");
            cmd.add("java.base/java.lang=ALL-UNNAMED");
            cmd.addAll(jvmArgs);
            cmd.add("-cp");
            cmd.add(cp);
            cmd.add(main.getName());
            cmd.addAll(List.of(args));
            java.io.File log = java.io.File.createTempFile("go4j-child", ".log");
            log.deleteOnExit();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
            boolean ended = p.waitFor(60, TimeUnit.SECONDS); // a child that hangs fails the test, not the build
            if (!ended) p.destroyForcibly().waitFor();
            String out = java.nio.file.Files.readString(log.toPath(), StandardCharsets.UTF_8);
            if (!ended) throw new AssertionError("child JVM did not end within 60 s:\n" + out);
            return new Result(p.exitValue(), out);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
