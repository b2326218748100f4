package go4j.runtime;

import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** {@link G}: what tells a goroutine's id (the hog reports and JFR events use it). */
@ExtendWith(SchedExtension.class)
class GTest {

    @Test
    void theGoidComesFromTheGNotFromTheThreadsName() throws InterruptedException {
        Sched s = SchedExtension.newSched(1);
        CountDownLatch renamed = new CountDownLatch(1), release = new CountDownLatch(1);
        G g = s.newproc(() -> {
            Thread.currentThread().setName("renamed by its own code");
            renamed.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        renamed.await();
        assertThat(g.thread().getName()).isEqualTo("renamed by its own code");
        assertThat(G.goidOf(g.thread())).isEqualTo(g.goid);
        release.countDown();
        g.thread().join();
        assertThat(G.goidOf(Thread.currentThread())).isEqualTo(-1); // a platform thread
        assertThat(G.goidOf(null)).isEqualTo(-1);
    }
}
