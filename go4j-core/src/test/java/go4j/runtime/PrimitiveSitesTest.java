package go4j.runtime;

import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;

import go4j.Chan;
import go4j.Leak;
import go4j.Select;
import go4j.sync.Cond;
import go4j.sync.Mutex;
import go4j.sync.RWMutex;
import go4j.sync.Semaphore;
import go4j.sync.WaitGroup;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Leak reports name the channel or primitive a goroutine was abandoned on: by a stack walk when
 * walking is on, by the site the agent passes to {@link PrimitiveSites#made}, and not at all
 * otherwise.
 */
@ExtendWith(SchedExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrimitiveSitesTest {
    private final Sched s = SchedExtension.newSched(2);

    PrimitiveSitesTest() {
        s.leakDetector.warn = false;
    }

    @AfterEach
    void walkingOff() {
        PrimitiveSites.walk(false);
    }

    /** The site of the line that calls this, as a stack walk prints it. */
    private static String here() {
        return StackWalker.getInstance().walk(f -> f.skip(1).findFirst()).orElseThrow().toStackTraceElement().toString();
    }

    /** A goroutine blocked forever on a primitive, and where that primitive was made. */
    private record Blocked(long goid, String site) {}

    /**
     * Starts a goroutine that blocks forever in {@code body}. Each case makes its primitive in a
     * method of its own, so that once it returns nothing but the blocked goroutine refers to it.
     */
    private Blocked block(String site, Runnable body) {
        CountDownLatch started = new CountDownLatch(1);
        G g = s.newproc(() -> { started.countDown(); body.run(); });
        SchedExtension.await(started);
        return new Blocked(g.goid, site);
    }

    /** The leak the collector proves for {@code b}. */
    private Leak leakOf(Blocked b) {
        for (int i = 0; i < 50; i++) {
            List<Leak> found = s.leakDetector.collect().stream().filter(l -> l.goid() == b.goid).toList();
            if (!found.isEmpty()) return found.getFirst();
        }
        throw new AssertionError("goroutine " + b.goid + " was never found leaked");
    }

    private Blocked onChan() {
        Chan<Integer> ch = Chan.make(); String site = here();
        return block(site, ch::recv);
    }

    private Blocked onFullBuffer() {
        Chan<Integer> ch = Chan.make(1); String site = here();
        ch.send(1);
        return block(site, () -> ch.send(2));
    }

    private Blocked onMutex() {
        Mutex m = new Mutex(); String site = here();
        m.lock();
        return block(site, m::lock);
    }

    private Blocked onRWMutex() {
        RWMutex rw = new RWMutex(); String site = here();
        rw.lock();
        return block(site, rw::rLock);
    }

    private Blocked onWaitGroup() {
        WaitGroup wg = new WaitGroup(); String site = here();
        wg.add(1);
        return block(site, wg::await);
    }

    private Blocked onCond() {
        Cond c = new Cond(new Mutex()); String site = here();
        return block(site, () -> { c.l.lock(); c.await(); });
    }

    private Blocked onSemaphore() {
        Semaphore sem = new Semaphore(1); String site = here();
        sem.acquire(1);
        return block(site, () -> sem.acquire(1));
    }

    private Blocked onSelect() {
        Chan<Integer> a = Chan.make(); String aSite = here();
        Chan<Integer> b = Chan.make(); String bSite = here();
        return block(aSite + ", " + bSite, () -> Select.select(Select.recv(a, v -> {}), Select.recv(b, v -> {}), Select.send(a, 1, () -> {})));
    }

    @Test
    void withWalkingOnEachPrimitiveIsReportedWhereItWasMade() {
        PrimitiveSites.walk(true);
        List<Blocked> blocked = List.of(onChan(), onFullBuffer(), onMutex(), onRWMutex(), onWaitGroup(), onCond(), onSemaphore());
        for (Blocked b : blocked) assertThat(leakOf(b).madeAt()).isEqualTo(b.site);

        Leak chan = leakOf(blocked.get(0));
        assertThat(chan.waitReason()).isEqualTo("chan receive");
        assertThat(chan.toString()).contains("[chan receive, ").contains("]: on a channel made at " + blocked.get(0).site + "; created by ");
        assertThat(leakOf(blocked.get(2)).toString()).contains("[sync.Mutex.Lock, ").contains("on a Mutex made at " + blocked.get(2).site);
        assertThat(leakOf(blocked.get(6)).toString()).contains("[semacquire, ").contains("on a Semaphore made at " + blocked.get(6).site);
    }

    @Test
    void aSelectIsReportedWithTheSitesOfItsChannels() {
        PrimitiveSites.walk(true);
        Blocked b = onSelect();
        Leak l = leakOf(b);
        assertThat(l.waitReason()).isEqualTo("select");
        assertThat(l.madeAt()).isEqualTo(b.site);
        assertThat(l.toString()).contains("on channels made at " + b.site + "; ");
    }

    @Test
    void withoutWalkingOrTheAgentNoSiteIsReported() {
        Leak l = leakOf(onChan());
        assertThat(l.madeAt()).isNull();
        assertThat(l.toString()).matches("goroutine \\d+ \\[chan receive, \\d+m?s\\]: created by .*");
    }

    private Blocked taggedChan() {
        Chan<Integer> ch = Chan.make();
        PrimitiveSites.made(ch, "app.Worker.run(Worker.java:42)");
        return block("app.Worker.run(Worker.java:42)", ch::recv);
    }

    private Blocked taggedWaitGroup() {
        WaitGroup wg = new WaitGroup();
        PrimitiveSites.made(wg, "app.Worker.fanOut(Worker.java:7)");
        wg.add(1);
        return block("app.Worker.fanOut(Worker.java:7)", wg::await);
    }

    @Test
    void theSiteTheAgentPassesIsTheOneReported() {
        for (Blocked b : List.of(taggedChan(), taggedWaitGroup())) assertThat(leakOf(b).madeAt()).isEqualTo(b.site);
        PrimitiveSites.made(new Object(), "ignored"); // not a primitive: nothing happens
    }
}
