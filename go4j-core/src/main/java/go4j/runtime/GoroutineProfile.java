package go4j.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Go's goroutine profile: every goroutine's stack, identical ones counted once. Written as pprof's
 * protobuf ({@link #writePprof}, what {@code go tool pprof} and every pprof viewer read), or as the
 * text of Go's {@code debug=1} form ({@link #grouped}):
 * <pre>
 * goroutine profile: total 7
 * 4 @ [chan receive]
 * #	examples.Pipeline.lambda$sq$0(Pipeline.java:45)
 * </pre>
 * The state (Go's wait reason, or {@code running}, {@code runnable}, ...) is part of what makes two
 * goroutines alike, and is the sample's {@code state} label in pprof.
 *
 * <p>The protobuf is encoded here by hand (go4j-core has no dependencies); profile.proto needs
 * only varints and length-delimited fields: Profile, ValueType, Sample, Label, Location, Line,
 * Function and the string table.
 */
final class GoroutineProfile {
    private GoroutineProfile() {}

    /** Goroutines with one stack and state. */
    record Group(String state, List<StackTraceElement> frames, int count) {}

    /** Every live goroutine of {@code sched}, grouped; most numerous first. */
    static List<Group> snapshot(Sched sched) {
        G self = G.current();
        Map<List<Object>, int[]> counts = new LinkedHashMap<>();
        Map<List<Object>, Group> first = new HashMap<>();
        List<G> gs = sched.allgs.all();
        gs.sort(Comparator.comparingLong(g -> g.goid));
        for (G g : gs) {
            Thread t = g.get();
            if (t == null || g.exited()) continue;
            boolean isSelf = self != null && self == g;
            String state = isSelf ? "running" : Traceback.state(g, t);
            int comma = state.indexOf(", "); // "chan receive, 3 minutes": the length of the wait is not the stack's
            if (comma > 0) state = state.substring(0, comma);
            List<StackTraceElement> frames = Traceback.frames(t.getStackTrace(), isSelf);
            List<Object> key = List.of(state, frames);
            counts.computeIfAbsent(key, k -> new int[1])[0]++;
            first.putIfAbsent(key, new Group(state, frames, 0));
        }
        List<Group> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(new Group(first.get(k).state(), first.get(k).frames(), n[0])));
        out.sort(Comparator.comparingInt(Group::count).reversed());
        return out;
    }

    /** Go's {@code debug=1} text: a total, then each distinct stack once with its count. */
    static String grouped(Sched sched) {
        List<Group> groups = snapshot(sched);
        int total = 0;
        for (Group g : groups) total += g.count();
        StringBuilder sb = new StringBuilder(4096).append("goroutine profile: total ").append(total).append('\n');
        for (Group g : groups) {
            sb.append(g.count()).append(" @ [").append(g.state()).append("]\n");
            for (StackTraceElement f : g.frames()) sb.append("#\t").append(f).append('\n');
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The profile as gzipped pprof protobuf. */
    static void writePprof(Sched sched, OutputStream out) throws IOException {
        byte[] profile = encode(snapshot(sched), System.currentTimeMillis() * 1_000_000L);
        GZIPOutputStream gz = new GZIPOutputStream(out);
        gz.write(profile);
        gz.finish();
        out.flush();
    }

    // ---- profile.proto ------------------------------------------------------------------------

    static byte[] encode(List<Group> groups, long timeNanos) {
        Strings strings = new Strings();
        Map<String, Long> functions = new LinkedHashMap<>();   // "class.method\0file" -> id
        Map<String, Long> locations = new LinkedHashMap<>();   // "class.method\0file\0line" -> id
        List<byte[]> functionMsgs = new ArrayList<>(), locationMsgs = new ArrayList<>(), sampleMsgs = new ArrayList<>();
        long goroutine = strings.id("goroutine"), count = strings.id("count"), stateKey = strings.id("state");
        for (Group g : groups) {
            Proto sample = new Proto();
            Proto ids = new Proto(); // packed location ids, leaf first
            for (StackTraceElement f : g.frames()) {
                String name = f.getClassName() + "." + f.getMethodName();
                String file = f.getFileName() == null ? "" : f.getFileName();
                Long fn = functions.get(name + '\0' + file);
                if (fn == null) {
                    fn = (long) functions.size() + 1;
                    functions.put(name + '\0' + file, fn);
                    Proto m = new Proto();
                    m.varint(1, fn).varint(2, strings.id(name)).varint(3, strings.id(name)).varint(4, strings.id(file));
                    functionMsgs.add(m.bytes());
                }
                String locKey = name + '\0' + file + '\0' + f.getLineNumber();
                Long loc = locations.get(locKey);
                if (loc == null) {
                    loc = (long) locations.size() + 1;
                    locations.put(locKey, loc);
                    Proto line = new Proto().varint(1, fn).varint(2, Math.max(0, f.getLineNumber()));
                    locationMsgs.add(new Proto().varint(1, loc).message(4, line.bytes()).bytes());
                }
                ids.rawVarint(loc);
            }
            sample.message(1, ids.bytes());                    // location_id, packed
            sample.message(2, new Proto().rawVarint(g.count()).bytes()); // value, packed
            sample.message(3, new Proto().varint(1, stateKey).varint(2, strings.id(g.state())).bytes()); // label state=...
            sampleMsgs.add(sample.bytes());
        }
        Proto p = new Proto();
        p.message(1, new Proto().varint(1, goroutine).varint(2, count).bytes()); // sample_type
        for (byte[] s : sampleMsgs) p.message(2, s);
        for (byte[] l : locationMsgs) p.message(4, l);
        for (byte[] f : functionMsgs) p.message(5, f);
        for (String s : strings.all) p.string(6, s);
        p.varint(9, timeNanos);
        p.message(11, new Proto().varint(1, goroutine).varint(2, count).bytes()); // period_type
        p.varint(12, 1);
        return p.bytes();
    }

    /** pprof's string table: index 0 is the empty string. */
    private static final class Strings {
        final List<String> all = new ArrayList<>(List.of(""));
        final Map<String, Long> ids = new HashMap<>(Map.of("", 0L));

        long id(String s) {
            return ids.computeIfAbsent(s, k -> {
                all.add(k);
                return (long) all.size() - 1;
            });
        }
    }

    /** Just enough of the protobuf wire format: varint (type 0) and length-delimited (type 2) fields. */
    private static final class Proto {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Proto rawVarint(long v) {
            while ((v & ~0x7FL) != 0) {
                buf.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            buf.write((int) v);
            return this;
        }

        Proto varint(int field, long v) {
            if (v == 0) return this; // proto3: zero is the default, not written
            return rawVarint((long) field << 3).rawVarint(v);
        }

        Proto message(int field, byte[] body) {
            rawVarint(((long) field << 3) | 2).rawVarint(body.length);
            buf.writeBytes(body);
            return this;
        }

        Proto string(int field, String s) {
            return message(field, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        byte[] bytes() {
            return buf.toByteArray();
        }
    }
}
