package go4j.runtime;

import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;

import go4j.Chan;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goroutine profile: three goroutines blocked at one line are one stack counted three times,
 * in the debug=1 text and in pprof's protobuf, which {@code go tool pprof} reads back when Go is here.
 */
@ExtendWith(SchedExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GoroutineProfileTest {

    private static void blockOn(Chan<Integer> ch) {
        ch.recv();
    }

    private static List<G> threeBlockedOneAsleep(Sched s, Chan<Integer> ch) {
        List<G> gs = new ArrayList<>();
        for (int i = 0; i < 3; i++) gs.add(s.newproc(() -> blockOn(ch)));
        gs.add(s.newproc(() -> { ch.recv(); ch.recv(); })); // another stack: its own group
        for (G g : gs) while (g.waitReason() == null) Thread.yield();
        return gs;
    }

    private static void release(Chan<Integer> ch, List<G> gs) throws InterruptedException {
        ch.close();
        for (G g : gs) g.thread().join();
    }

    @Test
    void identicalStacksAreCountedOnceInGosDebug1Form() throws Exception {
        Sched s = SchedExtension.newSched(1);
        Chan<Integer> ch = Chan.make();
        List<G> gs = threeBlockedOneAsleep(s, ch);
        try {
            String text = GoroutineProfile.grouped(s);
            assertThat(text).startsWith("goroutine profile: total 4\n");
            assertThat(text).contains("3 @ [chan receive]\n#\t").contains("#\tgo4j.Chan.recv(")
                    .contains("#\tgo4j.runtime.GoroutineProfileTest.blockOn(GoroutineProfileTest.java:")
                    .contains("1 @ [chan receive]\n");
        } finally {
            release(ch, gs);
        }
    }

    @Test
    void thePprofProfileHoldsEachStackWithItsCountAndState() throws Exception {
        Sched s = SchedExtension.newSched(1);
        Chan<Integer> ch = Chan.make();
        List<G> gs = threeBlockedOneAsleep(s, ch);
        byte[] gz;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            GoroutineProfile.writePprof(s, out);
            gz = out.toByteArray();
        } finally {
            release(ch, gs);
        }
        byte[] raw = new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
        List<String> strings = new ArrayList<>();
        List<long[]> sampleValues = new ArrayList<>();
        List<Long> sampleLabelStrs = new ArrayList<>();
        for (Field f : fields(raw)) {
            if (f.number == 6) strings.add(new String(f.bytes, StandardCharsets.UTF_8));
            if (f.number == 2) {
                for (Field sf : fields(f.bytes)) {
                    if (sf.number == 2) sampleValues.add(packed(sf.bytes));
                    if (sf.number == 3) for (Field lf : fields(sf.bytes)) if (lf.number == 2) sampleLabelStrs.add(lf.value);
                }
            }
        }
        assertThat(strings.getFirst()).isEmpty();
        assertThat(strings).contains("goroutine", "count", "state", "chan receive",
                "go4j.runtime.GoroutineProfileTest.blockOn", "GoroutineProfileTest.java");
        assertThat(sampleValues).extracting(v -> v[0]).containsExactlyInAnyOrder(3L, 1L);
        assertThat(sampleLabelStrs).allSatisfy(i -> assertThat(strings.get(i.intValue())).isEqualTo("chan receive"));
    }

    @Test
    void goToolPprofReadsIt(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("go"), "go is not installed: run bench/setup (Debian's golang-go) to check the profile with go tool pprof");
        Sched s = SchedExtension.newSched(1);
        Chan<Integer> ch = Chan.make();
        List<G> gs = threeBlockedOneAsleep(s, ch);
        Path file = dir.resolve("goroutine.pb.gz");
        try (var out = Files.newOutputStream(file)) {
            GoroutineProfile.writePprof(s, out);
        } finally {
            release(ch, gs);
        }
        Process p = new ProcessBuilder("go", "tool", "pprof", "-top", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("Type: goroutine").contains("go4j.runtime.GoroutineProfileTest.blockOn");
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }

    // ---- a protobuf reader for the test: varint and length-delimited fields only ----------------

    private record Field(int number, long value, byte[] bytes) {}

    private static List<Field> fields(byte[] b) throws IOException {
        List<Field> out = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < b.length) {
            long key = varint(b, pos);
            int number = (int) (key >>> 3), type = (int) (key & 7);
            if (type == 0) {
                out.add(new Field(number, varint(b, pos), null));
            } else if (type == 2) {
                int len = (int) varint(b, pos);
                byte[] body = java.util.Arrays.copyOfRange(b, pos[0], pos[0] + len);
                pos[0] += len;
                out.add(new Field(number, 0, body));
            } else {
                throw new IOException("unexpected wire type " + type);
            }
        }
        return out;
    }

    private static long[] packed(byte[] b) {
        List<Long> vs = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < b.length) vs.add(varint(b, pos));
        return vs.stream().mapToLong(Long::longValue).toArray();
    }

    private static long varint(byte[] b, int[] pos) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b[pos[0]++] & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) return v;
        }
    }
}
