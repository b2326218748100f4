package go4j.cli.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of this program in a new JVM: the same {@code java} ({@code java.home}), the
 * same class path, the flags go4j needs, plus the caller's. For measurements that depend on
 * settings fixed at JVM start, such as the JDK default scheduler's parallelism.
 */
final class ChildJvm {
    private ChildJvm() {}

    /** What every child gets: the scheduler hook opened, native calls allowed. */
    private static final List<String> BASE_FLAGS = List.of(
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED");
    /** A child that takes longer is killed and the measurement fails. */
    private static final long TIMEOUT_SECONDS = 120;

    /** Runs {@code mainClass} with {@code flags} and {@code args}; returns its standard output. Its stderr goes to ours. */
    static String run(List<String> flags, Class<?> mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(BASE_FLAGS);
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("child JVM timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("child JVM exited with " + p.exitValue() + ": " + String.join(" ", cmd));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a child JVM", e);
        }
    }

    /** The number printed after {@code name} on a line of {@code output}. */
    static double figure(String output, String name) {
        for (String line : output.split("\\R")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals(name)) return Double.parseDouble(parts[1]);
        }
        throw new IllegalStateException("child JVM printed no " + name + ": " + output);
    }
}
