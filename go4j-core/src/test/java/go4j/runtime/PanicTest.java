package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.ChildJvm;
import go4j.Go;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A goroutine's uncaught exception: Go's panic report, with its "created by" line; fatal with -Dgo4j.panic=exit. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PanicTest {

    /** The child JVM's program: a goroutine panics, main waits for it and goes on. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            Thread t = Go.threadFactory().newThread(Main::boom);
            t.start();
            t.join();
            System.out.println("main goes on");
        }

        static void boom() {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void theReportEndsWithWhereTheGoroutineWasCreatedAndTheProgramGoesOn() {
        ChildJvm.Result r = ChildJvm.run(Main.class, List.of());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output())
                .containsPattern("panic: java.lang.IllegalStateException: boom\n\ngoroutine \\d+ \\[running]:\n")
                .contains("\tat " + Main.class.getName() + ".boom(")
                .containsPattern("created by " + Main.class.getName().replace("$", "\\$") + "\\.main\\(PanicTest\\.java:\\d+\\)")
                .contains("main goes on");
    }

    @Test
    void withPanicExitTheProgramEndsWithStatusTwoAsGosDoes() {
        ChildJvm.Result r = ChildJvm.run(Main.class, List.of("-Dgo4j.panic=exit"));
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("panic: java.lang.IllegalStateException: boom").doesNotContain("main goes on");
    }
}
