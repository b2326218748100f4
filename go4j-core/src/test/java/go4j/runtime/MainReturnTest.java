package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.Go;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** As in Go, the program ends when main returns, whatever its goroutines are doing. */
class MainReturnTest {

    /** The child JVM's program: goroutines blocked, sleeping and spinning when main returns. */
    public static final class Main {
        public static void main(String[] args) {
            Go.go(() -> go4j.Chan.make().recv());
            Go.go(() -> { while (true) Go.gosched(); });
            Go.go(() -> go4j.time.Time.sleep(java.time.Duration.ofHours(1)));
            System.out.println("main returns with " + Go.numGoroutine() + " goroutines");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theJvmExitsWhenMainReturns() throws Exception {
        String cp = Path.of(Go.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + File.pathSeparator
                + Path.of(MainReturnTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", cp, Main.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("main returns with 3 goroutines");
    }
}
