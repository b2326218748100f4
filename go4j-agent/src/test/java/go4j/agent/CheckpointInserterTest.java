package go4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.objectweb.asm.Opcodes.*;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * The bytecode rewrite, on javac's output for loops of every shape ({@code samples.Loops}) and on
 * hand-written bytecode javac never emits (backward switches, a jump that must widen). Calls go
 * to {@link CheckpointProbe} so each test can count them as they run.
 */
@Timeout(30)
class CheckpointInserterTest {
    private static final String PROBE = "go4j/agent/CheckpointProbe";
    private static final String HIT = "hit";

    /**
     * Back-edges javac emits per method of {@code samples.Loops}, and how many times they run for
     * an argument n (read off {@code javap -c}; the samples' comments say why).
     */
    private static final Map<String, Expect> LOOPS = new LinkedHashMap<>();

    record Expect(String descriptor, int backEdges, IntToLongFunction runs) {}

    static {
        LOOPS.put("forLoop", new Expect("(I)I", 1, n -> n));
        LOOPS.put("whileLoop", new Expect("(I)I", 1, n -> n));
        LOOPS.put("doWhile", new Expect("(I)I", 1, n -> n));
        LOOPS.put("nested", new Expect("(I)I", 2, n -> (long) n * n + n));
        LOOPS.put("labelledContinue", new Expect("(I)I", 2, n -> n + (long) n * (n + 1) / 2));
        LOOPS.put("inLambda", new Expect("(I)I", 0, n -> n)); // the loop is in lambda$inLambda$0
        LOOPS.put("switchInLoop", new Expect("(I)I", 1, n -> n));
        LOOPS.put("tryCatchInLoop", new Expect("(I)I", 1, n -> n));
        LOOPS.put("whileTrueBreak", new Expect("(I)J", 1, n -> n));
        LOOPS.put("forEach", new Expect("(I)I", 2, n -> 2L * n));
        LOOPS.put("noLoop", new Expect("(I)I", 0, n -> 0));
    }

    @BeforeEach
    void resetProbe() {
        CheckpointProbe.CALLS.set(0);
    }

    @Test
    void insertsOneCallPerBackEdgeInEveryMethodOfTheLoopsSample() {
        byte[] original = InstrumentingLoader.originalBytes("samples.Loops");
        CheckpointInserter.Result result = CheckpointProbe.inserter(false).instrument(original);

        Map<String, Integer> calls = Bytecode.callsPerMethod(result.classfile(), PROBE, HIT);
        Map<String, Integer> backEdges = Bytecode.backEdgesPerMethod(original);
        for (var e : LOOPS.entrySet()) {
            String key = e.getKey() + e.getValue().descriptor();
            assertThat(backEdges.get(key)).as("javac's back-edges in " + key).isEqualTo(e.getValue().backEdges());
            assertThat(calls.get(key)).as("calls in " + key).isEqualTo(e.getValue().backEdges());
        }
        assertThat(calls.get("lambda$inLambda$0(I)I")).isEqualTo(1);
        assertThat(calls.get("<init>(I)V")).isEqualTo(1);
        assertThat(calls.get("instanceLoop(I)I")).isEqualTo(1);
        assertThat(calls.get("<clinit>()V")).as("class initialiser left alone").isZero();
        assertThat(backEdges.get("<clinit>()V")).as("though it has a loop").isEqualTo(1);

        // Every method except <clinit>: as many calls as an index-based count finds back-edges.
        Map<String, Integer> expected = new LinkedHashMap<>(backEdges);
        expected.put("<clinit>()V", 0);
        assertThat(calls).isEqualTo(expected);
        assertThat(result.backEdges()).isEqualTo(expected.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(result.entries()).isZero();
        assertThat(Bytecode.misplacedCall(result.classfile(), PROBE, HIT)).isNull();
    }

    @Test
    void instrumentedClassVerifies() {
        for (String name : new String[] {"samples.Loops", "samples.Summer", "samples.Entries"}) {
            for (boolean entry : new boolean[] {false, true}) {
                CheckpointInserter.Result result = CheckpointProbe.inserter(entry).instrument(InstrumentingLoader.originalBytes(name));
                if (name.equals("samples.Entries") && !entry) {
                    assertThat(result).as("no loops, no entries: nothing to do").isNull();
                    continue;
                }
                assertThat(Bytecode.verify(result.classfile(), getClass().getClassLoader()))
                        .as(name + " entry=" + entry).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 50})
    void instrumentedMethodsComputeTheSameAndCheckpointOncePerIteration(int n) throws Exception {
        InstrumentingLoader loader = InstrumentingLoader.with(CheckpointProbe.inserter(false));
        Class<?> instrumented = loader.loadClass("samples.Loops");
        assertThat(instrumented.getClassLoader()).isSameAs(loader);
        instrumented.getField("TABLE_SUM"); // links; the JVM's verifier checks the stack maps
        for (var e : LOOPS.entrySet()) {
            Method original = samples.Loops.class.getMethod(e.getKey(), int.class);
            Method rewritten = instrumented.getMethod(e.getKey(), int.class);
            Object want = original.invoke(null, n);
            CheckpointProbe.CALLS.set(0);
            Object got = rewritten.invoke(null, n);
            assertThat(got).as(e.getKey() + "(" + n + ")").isEqualTo(want);
            assertThat(CheckpointProbe.CALLS.get()).as("checkpoints run by " + e.getKey() + "(" + n + ")")
                    .isEqualTo(e.getValue().runs().applyAsLong(n));
        }

        CheckpointProbe.CALLS.set(0);
        Object loops = instrumented.getConstructor(int.class).newInstance(n);
        assertThat(CheckpointProbe.CALLS.get()).as("constructor loop").isEqualTo(n);
        assertThat(instrumented.getMethod("instanceLoop", int.class).invoke(loops, n))
                .isEqualTo(new samples.Loops(n).instanceLoop(n));
        assertThat(CheckpointProbe.CALLS.get()).isEqualTo(2L * n);
    }

    @Test
    void classInitialiserRunsNoCheckpoint() throws Exception {
        InstrumentingLoader loader = InstrumentingLoader.with(CheckpointProbe.inserter(true));
        Class<?> c = Class.forName("samples.Loops", true, loader); // runs <clinit>, which loops 10 times
        assertThat(c.getDeclaredField("TABLE_SUM").getInt(null)).isEqualTo(45);
        assertThat(CheckpointProbe.CALLS.get()).isZero();
    }

    @Test
    void defaultMethodOfInterfaceIsInstrumentedAbstractOneIsNot() throws Exception {
        byte[] out = CheckpointProbe.inserter(true).instrument(InstrumentingLoader.originalBytes("samples.Summer")).classfile();
        Map<String, Integer> calls = Bytecode.callsPerMethod(out, PROBE, HIT);
        assertThat(calls).containsEntry("sum()I", 2).containsEntry("size()I", 0); // entry + back-edge

        InstrumentingLoader loader = InstrumentingLoader.with(CheckpointProbe.inserter(false));
        Class<?> summer = loader.loadClass("samples.Summer");
        Object five = java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[] {summer}, (proxy, m, args) -> {
            if (m.getName().equals("size")) return 5;
            return java.lang.reflect.InvocationHandler.invokeDefault(proxy, m, args);
        });
        assertThat(summer.getMethod("sum").invoke(five)).isEqualTo(10);
        assertThat(CheckpointProbe.CALLS.get()).isEqualTo(5);
    }

    @Test
    void entryCheckpointsGoToEveryMethodWithCodeButBridgesAndClassInitialisers() throws Exception {
        byte[] original = InstrumentingLoader.originalBytes("samples.Entries");
        CheckpointInserter.Result result = CheckpointProbe.inserter(true).instrument(original);
        assertThat(result.entries()).isEqualTo(4);
        assertThat(result.backEdges()).isZero();
        assertThat(Bytecode.callsPerMethod(result.classfile(), PROBE, HIT))
                .containsEntry("<init>(I)V", 1)
                .containsEntry("a()I", 1)
                .containsEntry("b()I", 1)
                .containsEntry("compareTo(Lsamples/Entries;)I", 1)
                .containsEntry("compareTo(Ljava/lang/Object;)I", 0) // the bridge
                .containsEntry("<clinit>()V", 0);
        assertThat(Bytecode.misplacedCall(result.classfile(), PROBE, HIT)).isNull();

        InstrumentingLoader loader = InstrumentingLoader.with(CheckpointProbe.inserter(true));
        Class<?> entries = loader.loadClass("samples.Entries");
        Object e = entries.getConstructor(int.class).newInstance(3); // <clinit>: none; <init>: 1
        assertThat(CheckpointProbe.CALLS.get()).isEqualTo(1);
        assertThat(entries.getMethod("b").invoke(e)).isEqualTo(8); // b, then a: 2 more
        assertThat(CheckpointProbe.CALLS.get()).isEqualTo(3);
        @SuppressWarnings("unchecked")
        Comparable<Object> c = (Comparable<Object>) e;
        assertThat(c.compareTo(entries.getConstructor(int.class).newInstance(4))).isNegative();
        assertThat(CheckpointProbe.CALLS.get()).as("<init> + compareTo, not the bridge").isEqualTo(5);
    }

    @Test
    void entryCheckpointIsNotPartOfALoopThatStartsTheMethod() throws Exception {
        // countdown: L0 is both offset 0 and the loop head; the entry call must precede it.
        byte[] original = generated("samples/Countdown", mv -> {
            Label head = new Label();
            Label done = new Label();
            mv.visitLabel(head);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitJumpInsn(IFLE, done);
            mv.visitIincInsn(0, -1);
            mv.visitJumpInsn(GOTO, head);
            mv.visitLabel(done);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitInsn(IRETURN);
        });
        assertThat(runGenerated(original, true, 4)).isZero();
        assertThat(CheckpointProbe.CALLS.get()).as("1 entry + 4 back-edges").isEqualTo(5);
    }

    @Test
    void backwardTableSwitchIsABackEdge() throws Exception {
        // countdown by tableswitch: n-- ; switch (n) { case 0: done; default: loop }
        byte[] original = generated("samples/TableCountdown", mv -> {
            Label head = new Label();
            Label done = new Label();
            mv.visitLabel(head);
            mv.visitIincInsn(0, -1);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitTableSwitchInsn(0, 0, head, done);
            mv.visitLabel(done);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitInsn(IRETURN);
        });
        assertThat(Bytecode.backEdgesPerMethod(original)).containsEntry("run(I)I", 1);
        assertThat(runGenerated(original, false, 6)).isZero();
        assertThat(CheckpointProbe.CALLS.get()).isEqualTo(6);
    }

    @Test
    void backwardLookupSwitchIsABackEdge() throws Exception {
        byte[] original = generated("samples/LookupCountdown", mv -> {
            Label head = new Label();
            Label done = new Label();
            mv.visitLabel(head);
            mv.visitIincInsn(0, -1);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitLookupSwitchInsn(done, new int[] {1, 2, 1000}, new Label[] {head, head, head});
            mv.visitLabel(done);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitInsn(IRETURN);
        });
        // From 3: 2 loops, 1 loops, 0 leaves: three switches run.
        assertThat(runGenerated(original, false, 3)).isZero();
        assertThat(CheckpointProbe.CALLS.get()).isEqualTo(3);
    }

    @Test
    void backEdgeThatOutgrowsAShortJumpStillWorks() throws Exception {
        // do { n--; <padding> } while (n > 0): the backward ifgt spans -32767 bytes, the most a
        // 16-bit offset holds but one. The 3-byte call pushes it out of range, so the writer must
        // rewrite it (an inverted ifle over a goto_w) and add a frame, without type merging.
        byte[] original = generated("samples/WideLoop", mv -> {
            Label head = new Label();
            mv.visitLabel(head);
            mv.visitIincInsn(0, -1);
            for (int i = 0; i < 32763; i++) mv.visitInsn(NOP);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitJumpInsn(IFGT, head);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitInsn(IRETURN);
        });
        byte[] out = CheckpointProbe.inserter(false).instrument(original).classfile();
        assertThat(jumpOpcodes(original)).containsExactly(IFGT);
        assertThat(jumpOpcodes(out)).as("widened: ifle over goto_w (read back as goto)").containsExactly(IFLE, GOTO);
        assertThat(runGenerated(original, false, 3)).isZero();
        assertThat(CheckpointProbe.CALLS.get()).isEqualTo(3);
    }

    @Test
    void classWithNothingToInsertIsLeftAlone() {
        byte[] original = generated("samples/Straight", mv -> {
            mv.visitVarInsn(ILOAD, 0);
            mv.visitInsn(IRETURN);
        });
        assertThat(CheckpointProbe.inserter(false).instrument(original)).isNull();
    }

    /** The opcodes of the jump instructions of the class's {@code run} method, in code order. */
    private static java.util.List<Integer> jumpOpcodes(byte[] classfile) {
        var run = Bytecode.read(classfile).methods.stream().filter(m -> m.name.equals("run")).findFirst().orElseThrow();
        var opcodes = new java.util.ArrayList<Integer>();
        for (var insn : run.instructions) {
            if (insn instanceof org.objectweb.asm.tree.JumpInsnNode) opcodes.add(insn.getOpcode());
        }
        return opcodes;
    }

    /** Instruments a generated class, loads it in a fresh loader and calls its static run(int). */
    private int runGenerated(byte[] original, boolean entry, int arg) throws Exception {
        byte[] out = CheckpointProbe.inserter(entry).instrument(original).classfile();
        assertThat(Bytecode.verify(out, getClass().getClassLoader())).isEmpty();
        if (jumpOpcodes(out).equals(jumpOpcodes(original))) { // unless ASM widened a jump
            assertThat(Bytecode.misplacedCall(out, PROBE, HIT)).isNull();
        }
        Class<?> c = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() { return defineClass(null, out, 0, out.length); }
        }.define();
        CheckpointProbe.CALLS.set(0);
        return (int) c.getMethod("run", int.class).invoke(null, arg);
    }

    /** A Java 25 class with one method {@code public static int run(int)} whose code {@code body} writes. */
    private static byte[] generated(String internalName, java.util.function.Consumer<MethodVisitor> body) {
        // Frames computed here only for ints, so the default type merging never runs.
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        cw.visit(V25, ACC_PUBLIC | ACC_SUPER, internalName, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", "(I)I", null, null);
        mv.visitCode();
        body.accept(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
