package go4j.runtime;

import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;

import go4j.Chan;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * go4j's JFR events: each situation is made to happen on a private scheduler during a recording,
 * and the recording streamed back. One recording for all, since starting JFR costs a while.
 */
@ExtendWith(SchedExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JfrEventsTest {

    @org.junit.jupiter.api.BeforeAll
    static void linkTheNativeCallFirst() {
        NativeCalls.usleep(1);
    }

    @Test
    void eventsAreDeclaredWithTheirDefaults() {
        new JfrEvents.GoroutineParkEvent(); // registers the classes
        new JfrEvents.GoroutineCreateEvent();
        new JfrEvents.StealEvent();
        new JfrEvents.HogEvent();
        List<EventType> types = FlightRecorder.getFlightRecorder().getEventTypes();
        EventType park = type(types, "go4j.GoroutinePark");
        assertThat(setting(park, "threshold")).isEqualTo("20 ms");
        assertThat(setting(park, "enabled")).isEqualTo("true");
        assertThat(park.getCategoryNames()).containsExactly("go4j", "Goroutines");
        assertThat(setting(type(types, "go4j.GoroutineCreate"), "enabled")).isEqualTo("false");
        assertThat(setting(type(types, "go4j.Steal"), "enabled")).isEqualTo("false");
        assertThat(setting(type(types, "go4j.Hog"), "enabled")).isEqualTo("true");
    }

    private static String setting(EventType type, String name) {
        return type.getSettingDescriptors().stream().filter(d -> d.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(type.getName() + " has no setting " + name)).getDefaultValue();
    }

    private static EventType type(List<EventType> types, String name) {
        return types.stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    @Test
    void hogHandoffSyscallPreemptionLeakParkAndLifecycleAreRecorded() throws Exception {
        Sched s = SchedExtension.newSched(1);
        s.sysmon.printHogs = false;
        s.sysmon.hogThresholdNs = 20_000_000;
        s.leakDetector.warn = false;
        List<RecordedEvent> got = new CopyOnWriteArrayList<>();
        try (RecordingStream r = new RecordingStream()) {
            r.enable("go4j.GoroutineCreate");
            r.enable("go4j.GoroutineEnd");
            r.enable("go4j.GoroutinePark").withThreshold(Duration.ZERO); // every wait, however short
            r.enable("go4j.Syscall").withThreshold(Duration.ZERO);
            r.enable("go4j.Handoff");
            r.enable("go4j.Preemption");
            r.enable("go4j.Hog");
            r.enable("go4j.Leak");
            r.onEvent(got::add);
            r.startAsync();

            // Hog: a goroutine blocked in an undeclared call past the (lowered) threshold, nobody else waiting.
            G hog = s.newproc(() -> NativeCalls.usleep(60_000));
            hog.thread().join();

            // Handoff: the same call while a ticker waits for the only P.
            SysmonTest.Ticker ticker = new SysmonTest.Ticker(s);
            ticker.awaitTicks(1);
            G blocker = s.newproc(() -> NativeCalls.usleep(100_000));
            blocker.thread().join();
            ticker.stop.set(true);

            // Syscall: declared, so its P is handed off at once; a duration event.
            long[] id = new long[2];
            SchedExtension.runIn(s, () -> {
                id[0] = G.current().goid;
                try {
                    s.handoff.syscall(() -> { NativeCalls.usleep(2_000); return null; });
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            // Preemption: a loop that polls until sysmon has asked it to yield once.
            long before = s.preemptions.sum();
            SchedExtension.runIn(s, () -> {
                id[1] = G.current().goid;
                while (s.preemptions.sum() == before) {
                    if (Preempt.pending) Preempt.poll();
                }
            });

            // Park: a receive that waits for a send; the event is the goroutine's own.
            Chan<Integer> ch = Chan.make();
            G receiver = s.newproc(() -> ch.recv()); // a lambda: its frame is the top one
            while (receiver.thread().getState() != Thread.State.WAITING) Thread.yield();
            ch.send(1);
            receiver.thread().join();

            // Leak: a receive on a channel nobody else can reach.
            CountDownLatch blocking = new CountDownLatch(1);
            long leaked = leakOne(s, blocking);
            blocking.await();
            while (s.leakDetector.collect().stream().noneMatch(l -> l.goid() == leaked)) Thread.yield();

            // Everything happened; the stream delivers within about a second.
            assertThat(await(got, "go4j.Hog", hog.goid)).satisfies(e -> {
                assertThat(e.getBoolean("blocked")).isTrue();
                assertThat(e.getInt("p")).isZero();
                assertThat(e.getDuration("held")).isGreaterThanOrEqualTo(Duration.ofMillis(20));
                assertThat(e.getString("message")).contains("has been blocked in a call");
                assertThat(e.getString("stack")).contains("NativeCalls.usleep");
            });
            assertThat(await(got, "go4j.Handoff", blocker.goid)).satisfies(e -> {
                assertThat(e.getInt("p")).isZero();
                assertThat(e.getDuration("blocked")).isPositive();
                assertThat(e.getString("stack")).contains("NativeCalls.usleep");
            });
            assertThat(await(got, "go4j.Syscall", id[0])).satisfies(e -> {
                assertThat(e.getInt("p")).isZero();
                assertThat(e.getDuration()).isPositive();
                assertThat(e.getStackTrace().getFrames()).anySatisfy(f ->
                        assertThat(f.getMethod().getType().getName()).startsWith(JfrEventsTest.class.getName()));
            });
            assertThat(await(got, "go4j.Preemption", id[1]).getInt("p")).isZero();
            assertThat(await(got, "go4j.GoroutinePark", receiver.goid)).satisfies(e -> {
                assertThat(e.getString("waitReason")).isEqualTo("chan receive");
                assertThat(e.getThread().getJavaThreadId()).as("JFR's thread id is the goroutine's").isEqualTo(receiver.goid);
                // The stack starts at the frame that called the primitive, not in go4j's wait path.
                var top = e.getStackTrace().getFrames().getFirst().getMethod();
                assertThat(top.getType().getName() + "." + top.getName()).startsWith(JfrEventsTest.class.getName() + ".");
            });
            assertThat(await(got, "go4j.GoroutineCreate", receiver.goid).getString("site"))
                    .startsWith("go4j.runtime.JfrEventsTest.");
            await(got, "go4j.GoroutineEnd", receiver.goid);
            assertThat(await(got, "go4j.Leak", leaked)).satisfies(e -> {
                assertThat(e.getString("waitReason")).isEqualTo("chan receive");
                assertThat(e.getString("madeAt")).isEqualTo("app.Fetch.start(Fetch.java:27)");
                assertThat(e.getString("createdBy")).startsWith("go4j.runtime.JfrEventsTest.leakOne(JfrEventsTest.java:");
            });
        }
    }

    /** Waits until the stream has delivered an event {@code name} about goroutine {@code goid} (streams flush about once a second). */
    private static RecordedEvent await(List<RecordedEvent> got, String name, long goid) {
        while (true) {
            for (RecordedEvent e : got) {
                if (e.getEventType().getName().equals(name) && e.getLong("goid") == goid) return e;
            }
            LockSupport.parkNanos(5_000_000);
            if (Thread.currentThread().isInterrupted()) throw new AssertionError("no " + name + " event for goroutine " + goid); // @Timeout
        }
    }

    private static long leakOne(Sched s, CountDownLatch blocking) {
        Chan<Integer> abandoned = Chan.make();
        PrimitiveSites.made(abandoned, "app.Fetch.start(Fetch.java:27)"); // as the agent does
        return s.newproc(() -> { blocking.countDown(); abandoned.recv(); }).goid;
    }

    @Test
    void nothingIsRecordedWhileNoRecordingRuns() throws Exception {
        Sched s = SchedExtension.newSched(1);
        AtomicBoolean ran = new AtomicBoolean();
        Chan<Integer> ch = Chan.make();
        G g = s.newproc(() -> { ch.recv(); ran.set(true); });
        while (g.thread().getState() != Thread.State.WAITING) Thread.yield();
        assertThat(g.waiting).as("a wait with JFR off begins no event: the field holds the reason").isEqualTo("chan receive");
        ch.send(1);
        g.thread().join();
        assertThat(ran).isTrue();
    }

}
