package go4j.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Strip-mines counted loops, so that the checkpoint runs once per chunk of iterations instead of
 * once per iteration and the inner loop is a plain counted loop the JIT unrolls and vectorises.
 *
 * <p>A loop qualifies when it is javac's shape of {@code for (...; i < n; i += s)}: its head
 * tests an {@code int} local {@code i} against a bound that cannot change inside the loop (a
 * constant, a local the loop never stores, or {@code a.length} of such a local), with
 * {@code <}/{@code <=} when the stride {@code s} is positive and {@code >}/{@code >=} when it is
 * negative; its only back-edge is a {@code goto} right after {@code iinc i, s}, the loop's only
 * write to {@code i}; and its body is straight-line code with no call (but {@code Math}'s), no
 * inner loop, no lock, no jump into it from outside. So every iteration moves {@code i} by
 * {@code s}, and the body's cost per iteration is bounded by its length. Everything else keeps
 * its checkpoint on the back-edge. The rewrite, for a positive stride:
 * <pre>
 *   head:   goto check
 *   body:   ...body...; i += s             // no checkpoint: a plain counted loop
 *           if (i &lt; lim) goto body           // lim is a new local
 *   check:  if (!(i &lt; n)) goto exit          // the loop's own test, moved here unchanged
 *           lim = min(n', i + chunk*s, MAX - s + 1), or MIN when that is not above i
 *           checkpoint; goto body            // the test held: run one iteration at least
 *   exit:
 * </pre>
 * where {@code n'} is {@code n} for {@code <} and {@code n + 1} for {@code <=} (in {@code long}).
 * {@code i < lim} implies the loop's own condition, so the inner loop never runs an iteration
 * the original would not; {@code lim <= MAX - s + 1} means {@code i += s} never overflows inside
 * it, so it runs at most {@code chunk} iterations between checkpoints even when the original
 * counter wraps around (that last step, and the rest, go through {@code check} one at a time).
 * A negative stride is the mirror image. The new locals' frames are written here, from the
 * loop head's frame: nothing is recomputed and no class is loaded.
 */
final class StripMiner {
    /** Iterations per checkpoint at most, whatever the body. */
    static final int DEFAULT_CHUNK = 4096;
    /**
     * Iterations times body instructions per chunk at most: a long body gets a shorter chunk,
     * so a chunk stays around a hundred microseconds even at a nanosecond per instruction.
     */
    static final int BUDGET = 1 << 17;
    /** Fewest iterations per chunk, however long the body. */
    static final int MIN_CHUNK = 16;

    private static final String MATH = "java/lang/Math";

    private final MethodNode method;
    private final int chunk;
    /** Heads of inner loops: their back-edges get no checkpoint. */
    private final Set<Label> inner = new HashSet<>();

    private StripMiner(MethodNode method, int chunk) {
        this.method = method;
        this.chunk = chunk;
    }

    /**
     * Rewrites the qualifying loops of {@code method} (read with expanded frames) in place.
     *
     * @param chunk most iterations per checkpoint; below 2, nothing is rewritten
     * @return the labels whose backward jumps must not get a checkpoint (the inner loops' heads)
     */
    static Set<Label> stripMine(MethodNode method, int chunk) {
        if (chunk < 2 || method.instructions.size() == 0) return Set.of();
        if (!hasExpandedFrames(method)) return Set.of();
        StripMiner miner = new StripMiner(method, chunk);
        List<JumpInsnNode> gotos = new ArrayList<>();
        for (AbstractInsnNode n : method.instructions) {
            if (n.getOpcode() == Opcodes.GOTO) gotos.add((JumpInsnNode) n);
        }
        for (JumpInsnNode g : gotos) {
            Loop loop = miner.analyse(g);
            if (loop != null) miner.rewrite(loop);
        }
        return miner.inner;
    }

    /** Frames must be there (class files of Java 6 on), expanded, and no subroutines. */
    static boolean hasExpandedFrames(MethodNode method) {
        boolean frames = false;
        for (AbstractInsnNode n : method.instructions) {
            if (n instanceof FrameNode f) {
                if (f.type != Opcodes.F_NEW) return false;
                frames = true;
            }
            if (n.getOpcode() == Opcodes.JSR || n.getOpcode() == Opcodes.RET) return false;
        }
        return frames;
    }

    /** What continues the loop: {@code i REL bound}. */
    private enum Rel { LT, LE, GT, GE }

    /**
     * A loop found: its head label and frame, the test's instructions (from the load of
     * {@code i} to the exit jump), the bound's instructions, the {@code iinc} and the back-edge.
     */
    private record Loop(LabelNode head, FrameNode frame, AbstractInsnNode anchor, List<AbstractInsnNode> test,
                        List<AbstractInsnNode> bound, JumpInsnNode exit, int var, int stride, Rel rel,
                        JumpInsnNode backEdge, int bodySize, int headLine, int endLine) {}

    private Loop analyse(JumpInsnNode g) {
        InsnList code = method.instructions;
        LabelNode head = g.label;
        int gAt = code.indexOf(g), headAt = code.indexOf(head);
        if (headAt >= gAt) return null; // a forward goto
        AbstractInsnNode inc = g.getPrevious(); // the increment: iinc, or iload, constant, iadd/isub, istore
        int var, stride;
        if (inc instanceof IincInsnNode iinc) {
            var = iinc.var;
            stride = iinc.incr;
        } else if (inc instanceof VarInsnNode store && store.getOpcode() == Opcodes.ISTORE
                && inc.getPrevious() instanceof InsnNode arith
                && (arith.getOpcode() == Opcodes.IADD || arith.getOpcode() == Opcodes.ISUB)
                && constant(arith.getPrevious()) != null && isLoad(arith.getPrevious().getPrevious(), store.var)) {
            var = store.var;
            long signed = arith.getOpcode() == Opcodes.IADD ? constant(arith.getPrevious()) : -(long) constant(arith.getPrevious());
            if (signed == 0 || signed < -(1L << 30) || signed > (1L << 30)) return null;
            stride = (int) signed;
        } else {
            return null;
        }
        if (stride == 0) return null;

        // The head: label, line numbers, the frame, then the test with no label inside it.
        Head at = head(head);
        if (at == null) return null;
        FrameNode frame = at.frame();
        AbstractInsnNode anchor = at.anchor();
        AbstractInsnNode n = anchor.getNext();
        List<AbstractInsnNode> seq = new ArrayList<>();
        while (n != null && !(n instanceof JumpInsnNode) && seq.size() < 4) {
            if (n.getOpcode() < 0) return null; // a label, line or frame inside the test
            seq.add(n);
            n = n.getNext();
        }
        if (!(n instanceof JumpInsnNode exit)) return null;
        int op = exit.getOpcode();
        List<AbstractInsnNode> bound;
        Rel rel;
        if (op >= Opcodes.IFEQ && op <= Opcodes.IFLE) {
            if (seq.size() != 1 || !isLoad(seq.get(0), var)) return null;
            bound = List.of(new InsnNode(Opcodes.ICONST_0));
            rel = continueRel(op - Opcodes.IFEQ + Opcodes.IF_ICMPEQ, true);
        } else if (op >= Opcodes.IF_ICMPEQ && op <= Opcodes.IF_ICMPLE) {
            boolean left;
            if (!seq.isEmpty() && isLoad(seq.getFirst(), var)) {
                left = true;
                bound = seq.subList(1, seq.size());
            } else if (!seq.isEmpty() && isLoad(seq.getLast(), var)) {
                left = false;
                bound = seq.subList(0, seq.size() - 1);
            } else {
                return null;
            }
            if (!invariantShape(bound, var)) return null;
            rel = continueRel(op, left);
        } else {
            return null;
        }
        if (rel == null) return null;
        if (stride > 0 ? rel != Rel.LT && rel != Rel.LE : rel != Rel.GT && rel != Rel.GE) return null;
        int exitAt = code.indexOf(exit);
        if (code.indexOf(exit.label) <= gAt) return null;

        // The body: straight-line, call-free, not writing i or the bound, entered only from the head.
        int boundVar = boundVar(bound);
        int bodySize = 0;
        AbstractInsnNode first = exit.getNext();
        while (first instanceof LabelNode || first instanceof LineNumberNode) first = first.getNext();
        if (first instanceof FrameNode) return null;
        for (AbstractInsnNode b = exit.getNext(); b != g; b = b.getNext()) {
            if (b.getOpcode() >= 0) bodySize++;
            if (!allowedInBody(b, var, boundVar, inc)) return null;
        }
        if (!onlyEnteredFromHead(head, g, exitAt, gAt, headAt)) return null;
        return new Loop(head, frame, anchor, List.copyOf(seq), List.copyOf(bound), exit,
                var, stride, rel, g, bodySize, lineBefore(exit), lineBefore(g));
    }

    private static boolean isLoad(AbstractInsnNode n, int var) {
        return n.getOpcode() == Opcodes.ILOAD && ((VarInsnNode) n).var == var;
    }

    /** The value of an int constant instruction, or null. */
    private static Integer constant(AbstractInsnNode n) {
        if (n == null) return null;
        int op = n.getOpcode();
        if (op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) return op - Opcodes.ICONST_0;
        if (op == Opcodes.BIPUSH || op == Opcodes.SIPUSH) return ((IntInsnNode) n).operand;
        if (op == Opcodes.LDC && ((LdcInsnNode) n).cst instanceof Integer i) return i;
        return null;
    }

    /** A constant, a local int other than i, or {@code a.length} of a local array. */
    private static boolean invariantShape(List<AbstractInsnNode> bound, int var) {
        if (bound.size() == 1) {
            AbstractInsnNode b = bound.getFirst();
            if (constant(b) != null) return true;
            return b.getOpcode() == Opcodes.ILOAD && ((VarInsnNode) b).var != var;
        }
        return bound.size() == 2 && bound.get(0).getOpcode() == Opcodes.ALOAD
                && bound.get(1).getOpcode() == Opcodes.ARRAYLENGTH;
    }

    /** The local the bound reads, or -1 for a constant. */
    private static int boundVar(List<AbstractInsnNode> bound) {
        return bound.getFirst() instanceof VarInsnNode v ? v.var : -1;
    }

    /**
     * The relation under which the loop goes on, from the opcode that leaves it: with {@code i}
     * on the left, {@code if_icmpge exit} continues while {@code i < bound}; on the right, the
     * mirror. Equality tests give null: they are not counted loops.
     */
    private static Rel continueRel(int exitOpcode, boolean iLeft) {
        Rel exitRel = switch (exitOpcode) {
            case Opcodes.IF_ICMPLT -> Rel.LT;
            case Opcodes.IF_ICMPGE -> Rel.GE;
            case Opcodes.IF_ICMPGT -> Rel.GT;
            case Opcodes.IF_ICMPLE -> Rel.LE;
            default -> null;
        };
        if (exitRel == null) return null;
        if (!iLeft) exitRel = switch (exitRel) { // b < i  is  i > b
            case LT -> Rel.GT;
            case GT -> Rel.LT;
            case LE -> Rel.GE;
            case GE -> Rel.LE;
        };
        return switch (exitRel) { // the loop continues on the negation
            case LT -> Rel.GE;
            case GE -> Rel.LT;
            case GT -> Rel.LE;
            case LE -> Rel.GT;
        };
    }

    private boolean allowedInBody(AbstractInsnNode b, int var, int boundVar, AbstractInsnNode inc) {
        InsnList code = method.instructions;
        switch (b) {
            // Jumps go forward only: no inner loop, no jump back to the head or out backwards.
            case JumpInsnNode j -> {
                return code.indexOf(j.label) > code.indexOf(j);
            }
            case TableSwitchInsnNode s -> {
                return forward(s, concat(s.dflt, s.labels));
            }
            case LookupSwitchInsnNode s -> {
                return forward(s, concat(s.dflt, s.labels));
            }
            case MethodInsnNode m -> {
                return m.getOpcode() == Opcodes.INVOKESTATIC && m.owner.equals(MATH);
            }
            case VarInsnNode v -> {
                boolean store = v.getOpcode() >= Opcodes.ISTORE && v.getOpcode() <= Opcodes.ASTORE;
                return !store || v == inc || (v.var != var && v.var != boundVar);
            }
            case IincInsnNode i -> {
                return i == inc || (i.var != var && i.var != boundVar);
            }
            default -> {
                int op = b.getOpcode();
                return op != Opcodes.INVOKEDYNAMIC && op != Opcodes.MONITORENTER && op != Opcodes.MULTIANEWARRAY
                        && op != Opcodes.JSR && op != Opcodes.RET;
            }
        }
    }

    private boolean forward(AbstractInsnNode from, List<LabelNode> targets) {
        int at = method.instructions.indexOf(from);
        for (LabelNode l : targets) if (method.instructions.indexOf(l) <= at) return false;
        return true;
    }

    /**
     * No jump from elsewhere lands in the loop (the head is the back-edge's alone), and every
     * exception range either covers the whole loop, lies inside its body, or misses it.
     */
    private boolean onlyEnteredFromHead(LabelNode head, JumpInsnNode g, int exitAt, int gAt, int headAt) {
        InsnList code = method.instructions;
        for (AbstractInsnNode n : code) {
            int at = code.indexOf(n);
            boolean inLoop = at > exitAt && at <= gAt;
            List<LabelNode> targets = switch (n) {
                case JumpInsnNode j -> List.of(j.label);
                case TableSwitchInsnNode s -> concat(s.dflt, s.labels);
                case LookupSwitchInsnNode s -> concat(s.dflt, s.labels);
                default -> List.of();
            };
            for (LabelNode t : targets) {
                if (t == head && n != g) return false;
                int tAt = code.indexOf(t);
                if (!inLoop && tAt > exitAt && tAt <= gAt) return false;
            }
        }
        for (TryCatchBlockNode t : method.tryCatchBlocks) {
            int s = code.indexOf(t.start), e = code.indexOf(t.end), h = code.indexOf(t.handler);
            boolean handlerInBody = h > exitAt && h <= gAt;
            boolean covers = s <= headAt && e > gAt;
            boolean misses = e <= headAt || s > gAt;
            boolean inside = s > exitAt && e <= gAt;
            if (inside) continue;
            if ((covers || misses) && !handlerInBody) continue;
            return false;
        }
        return true;
    }

    private static List<LabelNode> concat(LabelNode dflt, List<LabelNode> labels) {
        List<LabelNode> all = new ArrayList<>(labels);
        all.add(dflt);
        return all;
    }

    /** The source line in force just before {@code n}, or -1. */
    private static int lineBefore(AbstractInsnNode n) {
        for (AbstractInsnNode p = n.getPrevious(); p != null; p = p.getPrevious()) {
            if (p instanceof LineNumberNode l) return l.line;
        }
        return -1;
    }

    /** Iterations per chunk for a body of this many instructions: the budget's share, a power of two. */
    static int chunkFor(int chunk, int bodySize) {
        int share = Integer.highestOneBit(Math.max(1, BUDGET / Math.max(1, bodySize)));
        return Math.max(Math.min(MIN_CHUNK, chunk), Math.min(chunk, share));
    }

    private void rewrite(Loop loop) {
        InsnList code = method.instructions;
        int lim = method.maxLocals, tmp = lim + 1;
        method.maxLocals += 3;
        // entry and body mark the same place: the inserter polls on jumps to the first only.
        LabelNode entry = new LabelNode(), body = new LabelNode(), check = new LabelNode(), after = new LabelNode();
        boolean up = loop.stride > 0;

        // Extend the body's frames first (before the new ones are in the list): lim is an int there.
        for (AbstractInsnNode n = loop.exit.getNext(); n != loop.backEdge; n = n.getNext()) {
            if (n instanceof FrameNode f) f.local = withInt(f.local, lim);
        }

        for (AbstractInsnNode t : loop.test) code.remove(t);
        code.remove(loop.exit);

        InsnList head = new InsnList();
        head.add(new JumpInsnNode(Opcodes.GOTO, check));
        head.add(entry);
        head.add(body);
        if (loop.headLine >= 0) head.add(new LineNumberNode(loop.headLine, body));
        head.add(frame(loop.frame, lim));
        code.insert(loop.anchor, head);

        // The back-edge becomes the inner loop's test at its bottom, javac's do-while: a loop
        // entered at one place only (entered at two, C2 leaves it unoptimised) and no call.
        InsnList latch = new InsnList();
        latch.add(new VarInsnNode(Opcodes.ILOAD, loop.var));
        latch.add(new VarInsnNode(Opcodes.ILOAD, lim));
        latch.add(new JumpInsnNode(up ? Opcodes.IF_ICMPLT : Opcodes.IF_ICMPGT, body));
        inner.add(body.getLabel());

        latch.add(check);
        if (loop.headLine >= 0) latch.add(new LineNumberNode(loop.headLine, check));
        latch.add(copy(loop.frame));
        for (AbstractInsnNode t : loop.test) latch.add(t);
        latch.add(loop.exit);
        latch.add(limit(loop, tmp));
        latch.add(new VarInsnNode(Opcodes.ISTORE, lim));
        // The test held: one iteration runs whatever lim is (so the loop advances even with no
        // room for a chunk), then the inner test decides. The inserter's checkpoint goes here.
        latch.add(new JumpInsnNode(Opcodes.GOTO, entry));
        latch.add(after);
        if (loop.endLine >= 0) latch.add(new LineNumberNode(loop.endLine, after));
        code.insert(loop.backEdge, latch);
        code.remove(loop.backEdge);
    }

    /**
     * Leaves the next chunk's limit on the stack, as an int: for a positive stride
     * {@code t = min(n', i + chunk*s, MAX - s + 1)} in long arithmetic, then {@code t} if it is
     * above {@code i}, else {@code MIN_VALUE} (no int is below it), without a branch:
     * {@code t - ((t - MIN) & ((t - i - 1) >> 63))}. The negative stride mirrors it.
     */
    private InsnList limit(Loop loop, int tmp) {
        InsnList c = new InsnList();
        boolean up = loop.stride > 0;
        long d = Math.abs((long) loop.stride);
        long step = (long) chunkFor(chunk, loop.bodySize) * d;
        String minMax = up ? "min" : "max";
        c.add(new VarInsnNode(Opcodes.ILOAD, loop.var));
        c.add(new InsnNode(Opcodes.I2L));
        c.add(new LdcInsnNode(step));
        c.add(new InsnNode(up ? Opcodes.LADD : Opcodes.LSUB));
        for (AbstractInsnNode b : loop.bound) c.add(b.clone(null));
        c.add(new InsnNode(Opcodes.I2L));
        if (loop.rel == Rel.LE || loop.rel == Rel.GE) { // n' = n + 1 (or n - 1): the first value not allowed
            c.add(new InsnNode(Opcodes.LCONST_1));
            c.add(new InsnNode(up ? Opcodes.LADD : Opcodes.LSUB));
        }
        c.add(new MethodInsnNode(Opcodes.INVOKESTATIC, MATH, minMax, "(JJ)J", false));
        c.add(new LdcInsnNode(up ? (long) Integer.MAX_VALUE - d + 1 : (long) Integer.MIN_VALUE + d - 1));
        c.add(new MethodInsnNode(Opcodes.INVOKESTATIC, MATH, minMax, "(JJ)J", false));
        c.add(new VarInsnNode(Opcodes.LSTORE, tmp));
        c.add(new VarInsnNode(Opcodes.LLOAD, tmp));
        if (up) { // t - ((t - MIN) & ((t - i - 1) >> 63))
            c.add(new VarInsnNode(Opcodes.LLOAD, tmp));
            c.add(new LdcInsnNode((long) Integer.MIN_VALUE));
            c.add(new InsnNode(Opcodes.LSUB));
            c.add(new VarInsnNode(Opcodes.LLOAD, tmp));
            c.add(new VarInsnNode(Opcodes.ILOAD, loop.var));
            c.add(new InsnNode(Opcodes.I2L));
        } else { // t + ((MAX - t) & ((i - t - 1) >> 63))
            c.add(new LdcInsnNode((long) Integer.MAX_VALUE));
            c.add(new VarInsnNode(Opcodes.LLOAD, tmp));
            c.add(new InsnNode(Opcodes.LSUB));
            c.add(new VarInsnNode(Opcodes.ILOAD, loop.var));
            c.add(new InsnNode(Opcodes.I2L));
            c.add(new VarInsnNode(Opcodes.LLOAD, tmp));
        }
        c.add(new InsnNode(Opcodes.LSUB));
        c.add(new InsnNode(Opcodes.LCONST_1));
        c.add(new InsnNode(Opcodes.LSUB));
        c.add(new IntInsnNode(Opcodes.BIPUSH, 63));
        c.add(new InsnNode(Opcodes.LSHR));
        c.add(new InsnNode(Opcodes.LAND));
        c.add(new InsnNode(up ? Opcodes.LSUB : Opcodes.LADD));
        c.add(new InsnNode(Opcodes.L2I));
        return c;
    }

    /**
     * A loop head's frame, and the last of the line numbers and frame right after its label
     * (where code inserted at the head goes); null when the head has no frame.
     */
    record Head(FrameNode frame, AbstractInsnNode anchor) {}

    static Head head(LabelNode head) {
        FrameNode frame = null;
        AbstractInsnNode anchor = head;
        for (AbstractInsnNode n = head.getNext(); n instanceof LineNumberNode || n instanceof FrameNode; n = n.getNext()) {
            if (n instanceof FrameNode f) frame = f;
            anchor = n;
        }
        return frame == null ? null : new Head(frame, anchor);
    }

    /** A copy of {@code f}, for a new label with the same frame. */
    static FrameNode copy(FrameNode f) {
        return new FrameNode(Opcodes.F_NEW, f.local.size(), f.local.toArray(), f.stack.size(), f.stack.toArray());
    }

    /** A copy of {@code f} whose locals also hold an int at slot {@code slot}. */
    private static FrameNode frame(FrameNode f, int slot) {
        List<Object> locals = withInt(f.local, slot);
        return new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), f.stack.size(), f.stack.toArray());
    }

    /** Expanded-frame locals (a long or double is one entry, two slots) padded with TOP up to {@code slot}, then an int. */
    static List<Object> withInt(List<Object> locals, int slot) {
        List<Object> out = new ArrayList<>(locals);
        int slots = 0;
        for (Object t : out) slots += (t == Opcodes.LONG || t == Opcodes.DOUBLE) ? 2 : 1;
        while (slots < slot) {
            out.add(Opcodes.TOP);
            slots++;
        }
        out.add(Opcodes.INTEGER);
        return out;
    }
}
