package go4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Strip-mined counted loops ({@code samples.CountedLoops}) compute what javac's code computes,
 * throw the same exceptions from the same line, end where it ends on overflowing bounds, and
 * call the checkpoint once per chunk; loops that are not counted are left to {@link BackEdgeBudget}
 * or, with a call in the body, keep one call per iteration.
 * A chunk of 4 makes every test cross many chunk boundaries.
 */
@Timeout(60)
class StripMinerTest {
    private static final String SAMPLE = "samples.CountedLoops";
    private static final int CHUNK = 4;
    private static final int MAX = Integer.MAX_VALUE, MIN = Integer.MIN_VALUE;

    @BeforeEach
    void resetProbe() {
        CheckpointProbe.CALLS.set(0);
    }

    /** Every argument list each method is run with; arrays are made fresh for each run. */
    private static Map<String, List<Supplier<Object[]>>> cases() {
        Map<String, List<Supplier<Object[]>>> c = new LinkedHashMap<>();
        int[] ns = {0, 1, 2, 3, 4, 5, 7, 8, 9, 100, 1001, -1, -5};
        for (String m : List.of("upTo", "empty", "down", "boundFirst", "withContinue", "switchInBody", "withMath",
                "constantBound", "plainCallInBody", "plainBoundChanges", "plainShortCounter", "plainFieldBound")) {
            for (int n : ns) add(c, m, () -> new Object[] {n});
        }
        for (int n : new int[] {0, 1, 5, 100, 1001}) add(c, "plainNotEqual", () -> new Object[] {n});
        for (long n : new long[] {0, 1, 5, 1001, -3}) add(c, "plainLongCounter", () -> new Object[] {n});
        for (int n : ns) add(c, "xorshift", () -> new Object[] {n, 0x9E3779B97F4A7C15L});
        for (int n : ns) add(c, "wideLocals", () -> new Object[] {n, 3L, 0.25});
        for (int[] nm : new int[][] {{0, 0}, {1, 1}, {3, 9}, {9, 3}, {17, 33}, {-1, 5}}) {
            add(c, "nested", () -> new Object[] {nm[0], nm[1]});
            add(c, "labelled", () -> new Object[] {nm[0], nm[1]});
        }
        for (int[] nk : new int[][] {{10, 3}, {10, 12}, {100, 57}, {0, 0}, {5, -1}}) {
            add(c, "divides", () -> new Object[] {nk[0], nk[1]});
            add(c, "catches", () -> new Object[] {nk[0], nk[1]});
            add(c, "withBreak", () -> new Object[] {nk[0], nk[1]});
        }
        for (int len : new int[] {0, 1, 3, 4, 5, 17, 1000}) {
            add(c, "sum", () -> new Object[] {ints(len, 1)});
            add(c, "plainIncrementInside", () -> new Object[] {ints(len, 2)});
            add(c, "doubles", () -> new Object[] {doubles(len)});
            add(c, "add", () -> new Object[] {ints(len, 3), ints(len, 4), new int[len]});
            add(c, "add", () -> new Object[] {ints(len, 3), ints(len / 2, 4), new int[len]}); // b too short
            add(c, "find", () -> new Object[] {ints(len, 5), 5 * 7 + 1});
            add(c, "insideTry", () -> new Object[] {ints(len, 6), len});
            add(c, "insideTry", () -> new Object[] {ints(len, 6), len + 3});
        }
        add(c, "sum", () -> new Object[] {null});
        add(c, "add", () -> new Object[] {ints(9, 1), ints(9, 2), null});
        int[][] wrapping = {{MAX - 10, MAX, 40}, {MAX - 5, MAX, 5}, {0, 100, 1000}, {MAX - 50, MAX - 1, 100},
                {MIN, MIN + 20, 1000}, {5, 0, 10}, {-3, 3, 1000}, {MAX, MAX, 3}};
        for (int[] w : wrapping) {
            add(c, "inclusive", () -> new Object[] {w[0], w[1], w[2]});
            add(c, "strideThree", () -> new Object[] {w[0], w[1], w[2]});
            add(c, "plainStrideAgainstBound", () -> new Object[] {w[0], w[1], w[2]});
        }
        for (int[] w : new int[][] {{MAX - 350_000, MAX, 100}, {0, 1_000_000, 1000}, {MIN, MAX, 30}, {MAX - 1, MAX, 9}}) {
            add(c, "bigStride", () -> new Object[] {w[0], w[1], w[2]});
        }
        for (int[] w : new int[][] {{MIN + 30, MIN, 40}, {100, 0, 1000}, {MAX, MAX - 100, 1000}, {0, 0, 5}, {MIN + 6, MIN, 9}}) {
            add(c, "downBySeven", () -> new Object[] {w[0], w[1], w[2]});
        }
        for (int[] w : new int[][] {{100, 0}, {MIN + 4, MIN}, {0, 100}, {MAX, MAX - 9}, {7, 6}}) {
            add(c, "downStrictly", () -> new Object[] {w[0], w[1]});
        }
        return c;
    }

    private static void add(Map<String, List<Supplier<Object[]>>> c, String method, Supplier<Object[]> args) {
        c.computeIfAbsent(method, k -> new ArrayList<>()).add(args);
    }

    private static int[] ints(int len, int seed) {
        int[] a = new int[len];
        for (int i = 0; i < len; i++) a[i] = (i * 7 + seed) ^ (i >>> 2);
        return a;
    }

    private static double[] doubles(int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) a[i] = i * 0.5 - 3;
        return a;
    }

    /** What a call did: its result or exception (class, message, line of the top frame), and its arguments after. */
    static String outcome(Method m, Object[] args) throws IllegalAccessException {
        String result;
        try {
            result = show(m.invoke(null, args));
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            StackTraceElement top = t.getStackTrace()[0];
            result = "threw " + t.getClass().getName() + ": " + t.getMessage() + " at " + top.getMethodName() + ":" + top.getLineNumber();
        }
        StringBuilder after = new StringBuilder(result);
        for (Object a : args) after.append(" | ").append(show(a));
        return after.toString();
    }

    private static String show(Object o) {
        if (o instanceof int[] a) return Arrays.toString(a);
        if (o instanceof double[] a) return Arrays.toString(a);
        return String.valueOf(o);
    }

    @Test
    void everyShapeComputesAndThrowsAsJavacsCodeDoes() throws Exception {
        InstrumentingLoader loader = InstrumentingLoader.with(CheckpointProbe.inserterWithChunk(CHUNK));
        Class<?> rewritten = loader.loadClass(SAMPLE); // defining it runs the JVM's verifier on its frames
        Map<String, List<Supplier<Object[]>>> cases = cases();
        int runs = 0;
        for (Method original : samples.CountedLoops.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(original.getModifiers())) continue;
            assertThat(cases).as("cases for " + original.getName()).containsKey(original.getName());
            Method copy = rewritten.getMethod(original.getName(), original.getParameterTypes());
            for (Supplier<Object[]> args : cases.get(original.getName())) {
                String want = outcome(original, args.get());
                String got = outcome(copy, args.get());
                assertThat(got).as(original.getName() + Arrays.deepToString(args.get())).isEqualTo(want);
                runs++;
            }
        }
        assertThat(runs).isGreaterThan(300);
    }

    @Test
    void countedLoopsAreStripMinedAndTheOthersAreNot() {
        CheckpointInserter.Result r = CheckpointProbe.inserterWithChunk(CHUNK).instrument(InstrumentingLoader.originalBytes(SAMPLE));
        Map<String, Integer> inner = new LinkedHashMap<>(), budgeted = new LinkedHashMap<>(), polled = new LinkedHashMap<>();
        for (MethodNode m : Bytecode.read(r.classfile()).methods) {
            int in = 0, counted = 0, calls = 0;
            for (AbstractInsnNode n : m.instructions) {
                if (n instanceof MethodInsnNode call && call.name.equals("hit")) calls++;
                if (n instanceof JumpInsnNode j && m.instructions.indexOf(j.label) < m.instructions.indexOf(j)) {
                    if (j.getPrevious() instanceof IincInsnNode dec && dec.var == m.maxLocals - 1 && dec.incr < 0) counted++;
                    else if (!(j.getPrevious() instanceof MethodInsnNode p && p.name.equals("hit"))) in++;
                }
            }
            inner.put(m.name, in);
            budgeted.put(m.name, counted);
            polled.put(m.name, calls);
        }
        for (String name : inner.keySet()) {
            if (name.startsWith("<")) continue;
            boolean plain = name.startsWith("plain");
            // The other loops are call-free but for one: BackEdgeBudget counts their back-edges down instead.
            boolean budget = plain && !name.equals("plainCallInBody");
            assertThat(inner.get(name)).as("back-edges without a call in " + name).isEqualTo(plain ? 0 : 1);
            assertThat(budgeted.get(name)).as("budgeted back-edges in " + name).isEqualTo(budget ? 1 : 0);
            assertThat(polled.get(name)).as("calls in " + name)
                    .isEqualTo(name.equals("nested") || name.equals("labelled") ? 2 : 1);
        }
        assertThat(r.chunked()).isEqualTo((int) inner.values().stream().filter(v -> v == 1).count());
    }

    @Test
    void aStripMinedLoopCallsOncePerChunkAndOneWithACallOncePerIteration() throws Exception {
        Class<?> rewritten = InstrumentingLoader.with(CheckpointProbe.inserterWithChunk(CHUNK)).loadClass(SAMPLE);
        rewritten.getMethod("upTo", int.class).invoke(null, 1001);
        assertThat(CheckpointProbe.CALLS.get()).as("ceil(1001 / 4)").isEqualTo(251);
        CheckpointProbe.CALLS.set(0);
        rewritten.getMethod("upTo", int.class).invoke(null, 0);
        assertThat(CheckpointProbe.CALLS.get()).as("a loop that never runs").isZero();
        CheckpointProbe.CALLS.set(0);
        rewritten.getMethod("strideThree", int.class, int.class, int.class).invoke(null, 0, 3000, 5000);
        assertThat(CheckpointProbe.CALLS.get()).as("1000 iterations of stride 3: 4 per chunk").isEqualTo(250);
        CheckpointProbe.CALLS.set(0);
        rewritten.getMethod("plainCallInBody", int.class).invoke(null, 1001);
        assertThat(CheckpointProbe.CALLS.get()).isEqualTo(1001);
        CheckpointProbe.CALLS.set(0);
        // Near the top the counter cannot take a whole chunk without overflowing: one call per iteration there.
        rewritten.getMethod("inclusive", int.class, int.class, int.class).invoke(null, MAX - 2, MAX, 10);
        assertThat(CheckpointProbe.CALLS.get()).as("MAX-2, MAX-1, MAX, then wrapped MIN.. in chunks").isLessThanOrEqualTo(10);
        assertThat(CheckpointProbe.CALLS.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theProductionChunkIsOneCallPer4096IterationsOfAShortBody() throws Exception {
        Class<?> rewritten = InstrumentingLoader.with(CheckpointProbe.inserterWithChunk(StripMiner.DEFAULT_CHUNK)).loadClass(SAMPLE);
        rewritten.getMethod("upTo", int.class).invoke(null, 100_000);
        assertThat(CheckpointProbe.CALLS.get()).as("ceil(100000 / 4096)").isEqualTo(25);
    }

    @Test
    void aChunkBelowTwoTurnsStripMiningOff() {
        CheckpointInserter.Result r = CheckpointProbe.inserterWithChunk(1).instrument(InstrumentingLoader.originalBytes(SAMPLE));
        assertThat(r.chunked()).isZero();
        assertThat(Bytecode.misplacedCall(r.classfile(), "go4j/agent/CheckpointProbe", "hit")).isNull();
    }

    @Test
    void aLongBodyGetsAShorterChunk() {
        assertThat(StripMiner.chunkFor(4096, 10)).isEqualTo(4096);
        assertThat(StripMiner.chunkFor(4096, 100)).isEqualTo(1024);
        assertThat(StripMiner.chunkFor(4096, 100_000)).isEqualTo(StripMiner.MIN_CHUNK);
        assertThat(StripMiner.chunkFor(4, 100_000)).isEqualTo(4);
    }
}
