package go4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Budgeted loops ({@code samples.UncountedLoops}) compute and throw what javac's code does, pass
 * the JVM's verifier with the budget's local in their frames, and call the checkpoint once per
 * budget: with a chunk of 4 and short bodies, once every 4 back-edges. Loops with a call in the
 * body, and loops around other loops, keep a call on every iteration.
 */
@Timeout(60)
class BackEdgeBudgetTest {
    private static final String SAMPLE = "samples.UncountedLoops";
    private static final int CHUNK = 4;

    @BeforeEach
    void resetProbe() {
        CheckpointProbe.CALLS.set(0);
    }

    private static Map<String, List<Object[]>> cases() {
        Map<String, List<Object[]>> c = new LinkedHashMap<>();
        int[] ns = {0, 1, 2, 3, 4, 5, 9, 100, 1001, -3};
        for (String m : List.of("doWhile", "whileTrueBreak", "walk", "built", "fieldBound", "callInBody")) {
            c.put(m, Arrays.stream(ns).mapToObj(n -> new Object[] {n}).toList());
        }
        c.put("binarySearch", List.of(new Object[] {new int[] {}, 1}, new Object[] {new int[] {4, 5, 6}, 6},
                new Object[] {new int[] {4, 5, 6}, 7}, new Object[] {new int[] {4, 5, 6}, 3}, new Object[] {null, 1}));
        c.put("collatz", List.of(new Object[] {1L}, new Object[] {27L}, new Object[] {97L}, new Object[] {0L}));
        c.put("handlerInside", List.of(new Object[] {10, 3}, new Object[] {10, 12}, new Object[] {100, 57},
                new Object[] {0, 0}, new Object[] {1000, 31}));
        c.put("wideLocals", List.of(new Object[] {0, 3L, 0.25}, new Object[] {9, -7L, 1.5}, new Object[] {1001, 1L << 40, -2.0}));
        c.put("nested", List.of(new Object[] {0, 0}, new Object[] {3, 9}, new Object[] {9, 3}, new Object[] {17, 33},
                new Object[] {-1, 5}));
        return c;
    }

    @Test
    void everyShapeComputesAndThrowsAsJavacsCodeDoes() throws Exception {
        Class<?> rewritten = InstrumentingLoader.with(CheckpointProbe.inserterWithChunk(CHUNK)).loadClass(SAMPLE); // verified as it links
        Map<String, List<Object[]>> cases = cases();
        int runs = 0;
        for (Method original : samples.UncountedLoops.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(original.getModifiers())) continue;
            assertThat(cases).as("cases for " + original.getName()).containsKey(original.getName());
            Method copy = rewritten.getMethod(original.getName(), original.getParameterTypes());
            for (Object[] args : cases.get(original.getName())) {
                assertThat(StripMinerTest.outcome(copy, args)).as(original.getName() + Arrays.deepToString(args))
                        .isEqualTo(StripMinerTest.outcome(original, args));
                runs++;
            }
        }
        assertThat(runs).isGreaterThan(70);
    }

    @Test
    void callFreeInnermostLoopsAreBudgetedAndTheOthersPollEveryIteration() {
        CheckpointInserter.Result r = CheckpointProbe.inserterWithChunk(CHUNK).instrument(InstrumentingLoader.originalBytes(SAMPLE));
        Map<String, String> seen = new LinkedHashMap<>();
        for (MethodNode m : Bytecode.read(r.classfile()).methods) {
            if (m.name.equals("<clinit>")) continue;
            seen.put(m.name, budgetedBackEdges(m) + " budgeted, " + polledBackEdges(m) + " polled");
        }
        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("<init>", "0 budgeted, 0 polled"),
                Map.entry("doWhile", "1 budgeted, 0 polled"),
                Map.entry("whileTrueBreak", "1 budgeted, 0 polled"),
                Map.entry("binarySearch", "1 budgeted, 0 polled"),
                Map.entry("collatz", "1 budgeted, 0 polled"),
                Map.entry("walk", "1 budgeted, 1 polled"), // the building loop calls a constructor
                Map.entry("handlerInside", "1 budgeted, 0 polled"),
                Map.entry("wideLocals", "1 budgeted, 0 polled"),
                Map.entry("built", "0 budgeted, 0 polled"),
                Map.entry("nested", "1 budgeted, 1 polled"), // the outer loop holds another
                Map.entry("fieldBound", "1 budgeted, 0 polled"),
                Map.entry("callInBody", "0 budgeted, 1 polled")));
        assertThat(r.budgeted()).isEqualTo(9);
    }

    @Test
    void aConstructorsLoopIsBudgetedToo() throws Exception {
        byte[] built = InstrumentingLoader.originalBytes(SAMPLE + "$Built");
        MethodNode init = Bytecode.read(CheckpointProbe.inserterWithChunk(CHUNK).instrument(built).classfile()).methods.stream()
                .filter(m -> m.name.equals("<init>")).findFirst().orElseThrow();
        assertThat(budgetedBackEdges(init)).isEqualTo(1);
        Class<?> rewritten = InstrumentingLoader.with(CheckpointProbe.inserterWithChunk(CHUNK)).loadClass(SAMPLE);
        assertThat(rewritten.getMethod("built", int.class).invoke(null, 1001)).isEqualTo(1001L * 1002 / 2);
        assertThat(CheckpointProbe.CALLS.get()).as("1001 back-edges, one call per 4").isEqualTo(250);
    }

    @Test
    void aBudgetedLoopCallsOncePerChunkOfBackEdges() throws Exception {
        Class<?> rewritten = InstrumentingLoader.with(CheckpointProbe.inserterWithChunk(CHUNK)).loadClass(SAMPLE);
        rewritten.getMethod("doWhile", int.class).invoke(null, 1001);
        assertThat(CheckpointProbe.CALLS.get()).as("1000 back-edges taken, one call per 4").isEqualTo(250);
        CheckpointProbe.CALLS.set(0);
        rewritten.getMethod("whileTrueBreak", int.class).invoke(null, 3);
        assertThat(CheckpointProbe.CALLS.get()).as("fewer back-edges than the budget").isZero();
        CheckpointProbe.CALLS.set(0);
        rewritten.getMethod("nested", int.class, int.class).invoke(null, 10, 100);
        assertThat(CheckpointProbe.CALLS.get()).as("the outer loop's 10, the inner's 1,000 back-edges / 4")
                .isEqualTo(10 + 250);
        CheckpointProbe.CALLS.set(0);
        rewritten.getMethod("callInBody", int.class).invoke(null, 1001);
        assertThat(CheckpointProbe.CALLS.get()).as("a call in the body: one per iteration").isEqualTo(1001);
    }

    @Test
    void theProductionBudgetIsOneCallPer4096BackEdgesOfAShortBody() throws Exception {
        Class<?> rewritten = InstrumentingLoader.with(CheckpointProbe.inserterWithChunk(StripMiner.DEFAULT_CHUNK)).loadClass(SAMPLE);
        rewritten.getMethod("whileTrueBreak", int.class).invoke(null, 100_000);
        assertThat(CheckpointProbe.CALLS.get()).as("floor(100000 / 4096)").isEqualTo(24);
    }

    @Test
    void aChunkBelowTwoPollsEveryBackEdge() {
        CheckpointInserter.Result r = CheckpointProbe.inserterWithChunk(1).instrument(InstrumentingLoader.originalBytes(SAMPLE));
        assertThat(r.budgeted()).isZero();
        assertThat(Bytecode.misplacedCall(r.classfile(), "go4j/agent/CheckpointProbe", "hit")).isNull();
    }

    /** The budget's local: the method starts {@code ldc chunk; istore slot}; -1 if it does not. */
    private static int budgetSlot(MethodNode m) {
        AbstractInsnNode first = m.instructions.getFirst();
        while (first != null && first.getOpcode() < 0) first = first.getNext();
        if (first instanceof LdcInsnNode && first.getNext() instanceof VarInsnNode store
                && store.getOpcode() == Opcodes.ISTORE) return store.var;
        return -1;
    }

    /** Backward jumps right after a decrement of the budget. */
    private static int budgetedBackEdges(MethodNode m) {
        int slot = budgetSlot(m), n = 0;
        for (AbstractInsnNode i : m.instructions) {
            if (backward(m, i) && i.getPrevious() instanceof IincInsnNode dec && dec.var == slot && dec.incr < 0) n++;
        }
        return n;
    }

    /** Backward jumps right after a checkpoint call. */
    private static int polledBackEdges(MethodNode m) {
        int n = 0;
        for (AbstractInsnNode i : m.instructions) {
            if (backward(m, i) && i.getPrevious() instanceof MethodInsnNode call && call.name.equals("hit")) n++;
        }
        return n;
    }

    private static boolean backward(MethodNode m, AbstractInsnNode i) {
        return i instanceof JumpInsnNode j && m.instructions.indexOf(j.label) < m.instructions.indexOf(j);
    }
}
