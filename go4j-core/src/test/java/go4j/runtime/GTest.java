package go4j.runtime;

import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;

import go4j.ChildJvm;
import go4j.Go;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
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

    @Test
    void oneRunStateServesDumpsAndCounts() throws InterruptedException {
        Sched s = SchedExtension.newSched(2);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch spinning = new CountDownLatch(1);
        G runner = s.newproc(() -> {
            spinning.countDown();
            while (!stop.get()) Thread.onSpinWait();
        });
        go4j.Chan<Integer> never = go4j.Chan.make();
        G waiter = s.newproc(never::recv);
        spinning.await();
        go4j.Until.until(() -> waiter.thread().getState() == Thread.State.WAITING);
        assertThat(runner.runState()).isEqualTo(G.RunState.RUNNING);
        assertThat(waiter.runState()).isEqualTo(G.RunState.WAITING);
        assertThat(Census.state(runner)).isEqualTo("running");
        assertThat(Census.state(waiter)).isEqualTo("waiting");
        String dump = Traceback.dump(s, true);
        assertThat(dump).contains("goroutine " + runner.goid + " [running]:", "goroutine " + waiter.goid + " [chan receive]:");
        stop.set(true);
        runner.thread().join();
        assertThat(runner.runState()).isEqualTo(G.RunState.DEAD);
        assertThat(Census.state(runner)).isNull();
        never.close();
    }

    @Test
    void aThreadFromTheFactoryRunsItsGEvenIfItsHandlerIsReplacedBeforeStart() throws InterruptedException {
        Sched s = SchedExtension.newSched(1);
        long before = s.allgs.size();
        AtomicReference<G> seen = new AtomicReference<>();
        Thread t = s.newThread(() -> seen.set(G.current()));
        G g = G.of(t);
        t.setUncaughtExceptionHandler((th, e) -> {}); // what a wrapping ThreadFactory may do
        t.start();
        t.join();
        assertThat(seen.get()).as("the handler was replaced: the body cannot find its G that way").isNull();
        assertThat(g.exited()).as("its G ran and ended all the same").isTrue();
        assertThat(s.allgs.size()).isEqualTo(before);
    }

    @Test
    void everyGoroutineIsNumberedWhenThreadNamesSaySo() {
        ChildJvm.Result shared = ChildJvm.run(GTest.class, List.of("-Djdk.trackAllThreads=false"));
        assertThat(shared.exit()).as(shared.output()).isZero();
        assertThat(shared.output()).matches("(?s)name=goroutine id=(\\d+) stack=goroutine \\1 \\[running\\]:\n.*");
        ChildJvm.Result numbered = ChildJvm.run(GTest.class, List.of("-Djdk.trackAllThreads=false", "-Dgo4j.threadNames=numbered"));
        assertThat(numbered.exit()).as(numbered.output()).isZero();
        assertThat(numbered.output()).matches("(?s)name=goroutine (\\d+) id=\\1 stack=goroutine \\1 \\[running\\]:\n.*");
    }

    public static void main(String[] args) {
        Go.run(() -> {
            String stack = Go.stack(false);
            System.out.println("name=" + Thread.currentThread().getName() + " id=" + Thread.currentThread().threadId()
                    + " stack=" + stack.substring(0, stack.indexOf('\n')));
        });
    }
}
