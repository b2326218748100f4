package go4j.runtime;

import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import go4j.Chan;
import go4j.trace.Trace;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracing ({@code go4j.trace.Trace}): a trace started from code records run spans on Ps, the
 * wake-ups between goroutines, waits with reasons and user stacks, and user regions; with no trace
 * the scheduler's guard is down.
 */
@ExtendWith(SchedExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TracingTest {

    @Test
    void aTraceRecordsRunSpansWakeUpsWaitsAndRegions(@TempDir Path dir) throws Exception {
        Sched s = SchedExtension.newSched(1); // one P: every wait parks, so every exchange is a switch
        Path file = dir.resolve("trace.jfr");
        long[] ids = new long[2];
        Trace.start(file);
        try {
            assertThat(Tracing.on).as("the scheduler's guard is up while a trace runs").isTrue();
            assertThatThrownBy(() -> Trace.start(dir.resolve("again.jfr"))).hasMessage("tracing is already enabled");
            Chan<Integer> ping = Chan.make(), pong = Chan.make();
            G ponger = s.newproc(() -> { for (Integer v : ping) pong.send(v); });
            ids[1] = ponger.goid;
            SchedExtension.runIn(s, () -> {
                ids[0] = G.current().goid;
                try (Trace.Task task = Trace.newTask("rally")) {
                    task.region("serve", () -> {
                        for (int i = 0; i < 20; i++) {
                            ping.send(i);
                            pong.recv();
                        }
                    });
                }
                ping.close();
            });
            ponger.thread().join();
        } finally {
            Trace.stop();
        }
        assertThat(Tracing.on).as("down again after the trace").isFalse();
        assertThat(Trace.isEnabled()).isFalse();

        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> runs = named(events, "go4j.GoroutineRun");
        assertThat(runs).filteredOn(e -> e.getLong("goid") == ids[0]).hasSizeGreaterThan(10)
                .allSatisfy(e -> {
                    assertThat(e.getInt("p")).isZero();
                    assertThat(e.getDuration("ran")).isPositive();
                });
        assertThat(runs).filteredOn(e -> e.getLong("goid") == ids[1]).hasSizeGreaterThan(10);
        assertThat(named(events, "go4j.GoroutineUnpark"))
                .as("the ponger is woken by the pinger")
                .anySatisfy(e -> {
                    assertThat(e.getLong("goid")).isEqualTo(ids[1]);
                    assertThat(e.getLong("by")).isEqualTo(ids[0]);
                });
        assertThat(named(events, "go4j.GoroutinePark")).filteredOn(e -> e.getLong("goid") == ids[1])
                .anySatisfy(e -> assertThat(e.getString("waitReason")).isEqualTo("chan receive"))
                .allSatisfy(e -> assertThat(e.getStackTrace().getFrames().getFirst().getMethod().getType().getName())
                        .as("the stack starts at the user's frame").startsWith(TracingTest.class.getName()));
        assertThat(named(events, "go4j.Region")).singleElement().satisfies(e -> {
            assertThat(e.getString("name")).isEqualTo("serve");
            assertThat(e.getLong("goid")).isEqualTo(ids[0]);
            assertThat(e.getLong("task")).isPositive();
        });
        assertThat(named(events, "go4j.Task")).singleElement().satisfies(e -> assertThat(e.getString("name")).isEqualTo("rally"));
        assertThat(named(events, "go4j.GoroutineCreate")).anySatisfy(e -> assertThat(e.getLong("goid")).isEqualTo(ids[1]));
    }

    @Test
    void aTraceCanGoToAStream() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Trace.start(out);
        Trace.log("phase", "one");
        Trace.stop();
        Path copy = Files.createTempFile("go4j-trace-test", ".jfr");
        try {
            Files.write(copy, out.toByteArray());
            assertThat(named(RecordingFile.readAllEvents(copy), "go4j.Log")).singleElement()
                    .satisfies(e -> assertThat(e.getString("message")).isEqualTo("one"));
        } finally {
            Files.delete(copy);
        }
    }

    @Test
    void withoutATraceTheGuardIsDownAndAnnotationsCostNothing() {
        assertThat(Tracing.on).isFalse();
        assertThat(Tracing.regionBegin("r", 0)).as("no region event is begun").isNull();
        Trace.region("r", () -> {});
        Trace.stop(); // no trace: nothing happens, as Go's trace.Stop
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }
}
