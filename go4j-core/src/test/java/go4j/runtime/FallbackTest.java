package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.Go;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Without --add-opens the hook is out of reach: one warning line, and goroutines still run. */
class FallbackTest {

    /** The child JVM's program. */
    public static final class Main {
        public static void main(String[] args) throws InterruptedException {
            CountDownLatch done = new CountDownLatch(1000);
            for (int i = 0; i < 1000; i++) Go.go(done::countDown);
            done.await();
            Go.run(() -> System.out.println("active=" + Go.schedulerActive() + " ran=" + (1000 - done.getCount())));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void withoutTheOpensFlagGoroutinesRunOnTheDefaultSchedulerAfterOneWarning() throws Exception {
        String cp = location(Go.class) + File.pathSeparator + location(FallbackTest.class);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", cp, Main.class.getName())).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        assertThat(out.trim()).isEqualTo("active=false ran=1000");
        List<String> lines = err.lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).startsWith("go4j: warning: ").contains("--add-opens java.base/java.lang=ALL-UNNAMED");
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
