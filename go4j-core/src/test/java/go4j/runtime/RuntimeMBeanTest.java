package go4j.runtime;

import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;

import go4j.Chan;
import go4j.Go;
import go4j.Metrics;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JMX bean go4j:type=Runtime, and the metrics snapshot behind it and Go.metrics(). */
@ExtendWith(SchedExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RuntimeMBeanTest {

    @Test
    void theDefaultSchedulerRegistersAnMXBeanThatReadsSetsAndDumps() throws Exception {
        Chan<Integer> ch = Chan.make();
        CountDownLatch blocking = new CountDownLatch(1);
        Go.go(() -> { blocking.countDown(); ch.recv(); }); // first use of the default scheduler
        ObjectName name = RuntimeMBean.REGISTERED.get();
        assertThat(name).isEqualTo(new ObjectName("go4j:type=Runtime"));
        blocking.await();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        assertThat(JMX.isMXBeanInterface(GoRuntimeMXBean.class)).isTrue();
        assertThat(server.isRegistered(name)).isTrue();

        int procs = (Integer) server.getAttribute(name, "Gomaxprocs");
        assertThat(procs).isEqualTo(Go.gomaxprocs());
        server.setAttribute(name, new Attribute("Gomaxprocs", procs + 1));
        try {
            assertThat(Go.gomaxprocs()).isEqualTo(procs + 1);
            assertThat((int[]) server.getAttribute(name, "LocalRunqueues")).hasSize(procs + 1);
        } finally {
            Go.gomaxprocs(procs);
        }
        assertThat((Long) server.getAttribute(name, "NumGoroutine")).isPositive();
        assertThat((Integer) server.getAttribute(name, "Threads")).isPositive();
        for (String a : new String[] {"IdleProcs", "SpinningThreads", "GlobalRunqueue"}) {
            assertThat((Integer) server.getAttribute(name, a)).as(a).isNotNegative();
        }
        for (String a : new String[] {"Steals", "Preemptions", "Handoffs", "Syscalls", "Hogs", "Leaks"}) {
            assertThat((Long) server.getAttribute(name, a)).as(a).isNotNegative();
        }
        // Open types only: a client without go4j's classes reads the map as a table.
        TabularData byState = (TabularData) server.getAttribute(name, "GoroutinesByState");
        long waiting = -1;
        for (Object row : byState.values()) {
            CompositeData d = (CompositeData) row;
            if (d.get("key").equals("waiting")) waiting = (Long) d.get("value");
        }
        assertThat(waiting).isPositive();
        assertThat((String) server.getAttribute(name, "GoroutineStates")).matches(
                "running=\\d+ syscall=\\d+ runnable=\\d+ waiting=[1-9]\\d* leaked=\\d+");

        String dump = (String) server.invoke(name, "dump", null, null);
        assertThat(dump).contains(" [chan receive]:\n").contains("created by go4j.runtime.RuntimeMBeanTest.");
        assertThat((String) server.invoke(name, "schedtrace", null, null)).startsWith("SCHED ");
        assertThat((String[]) server.invoke(name, "hogs", null, null)).isNotNull();
        ch.close();
    }

    @Test
    void metricsCountGoroutinesByStateAndWaitReason() throws Exception {
        Sched s = SchedExtension.newSched(2);
        s.leakDetector.warn = false;
        int n = 50;
        Chan<Integer> ch = Chan.make();
        CountDownLatch blocking = new CountDownLatch(n);
        for (int i = 0; i < n; i++) s.newproc(() -> { blocking.countDown(); ch.recv(); });
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch spinning = new CountDownLatch(1);
        s.newproc(() -> {
            spinning.countDown();
            while (!stop.get()) Thread.onSpinWait();
        });
        blocking.await();
        spinning.await();
        while (Census.byState(s).get("waiting") != n) Thread.yield(); // queued on the channel is not yet parked
        Metrics m = Census.metrics(s);
        stop.set(true);
        assertThat(m.goroutines()).isEqualTo(n + 1);
        assertThat(m.goroutinesByState()).containsEntry("waiting", (long) n).containsEntry("running", 1L)
                .containsOnlyKeys(Census.STATES);
        assertThat(m.waitReasons()).containsEntry("chan receive", (long) n);
        assertThat(m.gomaxprocs()).isEqualTo(2);
        assertThat(m.runqueues()).hasSize(2);
        assertThat(m.threads()).isPositive();
        assertThat(m.statesLine()).startsWith("running=1 syscall=0 runnable=0 waiting=" + n);
        ch.close();
    }

    @Test
    void aGoroutineInADeclaredCallCountsAsSyscall() throws Exception {
        NativeCalls.usleep(1); // link first
        Sched s = SchedExtension.newSched(1);
        AtomicBoolean seen = new AtomicBoolean();
        G g = s.newproc(() -> {
            while (!seen.get()) {
                try {
                    s.handoff.syscall(() -> { NativeCalls.usleep(20_000); return null; }); // holds the carrier, P handed off
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        });
        while (Census.byState(s).get("syscall") != 1) Thread.yield();
        seen.set(true);
        g.thread().join();
        assertThat(Census.metrics(s).syscalls()).isPositive();
    }

    @Test
    void goMetricsReadsTheDefaultScheduler() {
        Metrics m = Go.metrics();
        assertThat(m.gomaxprocs()).isEqualTo(Go.gomaxprocs());
        assertThat(m.goroutinesByState().keySet()).containsExactlyElementsOf(Census.STATES);
        assertThat(m.runqueues()).hasSize(m.gomaxprocs());
    }
}
