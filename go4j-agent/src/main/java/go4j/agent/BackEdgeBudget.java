package go4j.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Gives the loops that {@link StripMiner} cannot rewrite a checkpoint per budget of iterations
 * instead of one per iteration: the back-edge counts down a local, and the loop head polls only
 * when the count runs out.
 *
 * <p>Why: a poll is a volatile read, and in C2's graph a volatile read is a memory barrier on the
 * loop's path. It keeps the JIT from carrying loads and stores across iterations, which costs a
 * tight loop that does array work (commons-compress's block sort) a few percent. A decrement of
 * a local and a branch taken once in thousands cost nothing measurable; the read moves to the
 * rare path.
 *
 * <p>A loop qualifies when it is innermost (no other backward jump inside it), its back-edges
 * are jumps (not switches), and its body calls nothing but {@code Math}, spins no
 * {@code invokedynamic} and takes no monitor. So one iteration executes at most the loop's
 * instructions once: no path inside it goes backwards except to its head. Each back-edge
 * subtracts a weight from the method's one budget, {@code chunk / chunkFor(chunk, length)}, so a
 * loop of {@code length} instructions polls at least every {@code chunkFor(chunk, length)}
 * iterations, the strip-miner's rule (a chunk at most, and about {@link StripMiner#BUDGET}
 * instructions). Loops around such a loop keep their checkpoint on every iteration, so the code
 * between two budgeted loops runs at most once between two polls. The rewrite:
 * <pre>
 *   (method entry)  budget = chunk
 *   head:           if (budget &lt;= 0) { budget = chunk; checkpoint; }
 *                   ...the loop as it was...
 *                   budget -= weight; (back-edge) goto/if.. head
 * </pre>
 * The budget is a new local, an int in every frame of the method; the head's check ends at a
 * label whose frame is the head's own. Nothing is recomputed and no class is loaded.
 */
final class BackEdgeBudget {
    private final MethodNode method;
    private final int chunk;
    private final String owner;
    private final String name;

    private BackEdgeBudget(MethodNode method, int chunk, String owner, String name) {
        this.method = method;
        this.chunk = chunk;
        this.owner = owner;
        this.name = name;
    }

    /**
     * Budgets the qualifying loops of {@code method} (read with expanded frames, after the
     * strip-miner) in place.
     *
     * @param chunk most iterations per checkpoint; below 2, nothing is rewritten
     * @param owner internal name of the class owning the checkpoint
     * @param name  the checkpoint, a static {@code ()V} method
     * @param mined the strip-mined loops' inner heads, left alone
     * @return the heads of the loops budgeted: their backward jumps get no checkpoint
     */
    static Set<Label> budget(MethodNode method, int chunk, String owner, String name, Set<Label> mined) {
        if (chunk < 2 || !StripMiner.hasExpandedFrames(method)) return Set.of();
        return new BackEdgeBudget(method, chunk, owner, name).rewrite(mined);
    }

    private Set<Label> rewrite(Set<Label> mined) {
        InsnList code = method.instructions;
        Map<LabelNode, List<JumpInsnNode>> loops = new LinkedHashMap<>();
        Set<LabelNode> switchedTo = new HashSet<>();
        for (AbstractInsnNode n : code) {
            int at = code.indexOf(n);
            switch (n) {
                case JumpInsnNode j when j.getOpcode() != Opcodes.JSR && code.indexOf(j.label) < at ->
                        loops.computeIfAbsent(j.label, k -> new ArrayList<>()).add(j);
                case TableSwitchInsnNode s -> switchedTo.addAll(backwards(at, s.dflt, s.labels));
                case LookupSwitchInsnNode s -> switchedTo.addAll(backwards(at, s.dflt, s.labels));
                default -> { }
            }
        }
        record Budgeted(StripMiner.Head at, int weight) {}
        Map<LabelNode, Budgeted> budgets = new LinkedHashMap<>();
        for (Map.Entry<LabelNode, List<JumpInsnNode>> loop : loops.entrySet()) {
            LabelNode head = loop.getKey();
            if (switchedTo.contains(head) || mined.contains(head.getLabel())) continue;
            int length = bodyLength(head, code.indexOf(loop.getValue().getLast()));
            StripMiner.Head at = StripMiner.head(head);
            if (length < 0 || at == null) continue;
            budgets.put(head, new Budgeted(at, Math.ceilDiv(chunk, StripMiner.chunkFor(chunk, length))));
        }
        if (budgets.isEmpty()) return Set.of();

        int slot = method.maxLocals;
        method.maxLocals += 1;
        for (AbstractInsnNode n : code) {
            if (n instanceof FrameNode f) f.local = StripMiner.withInt(f.local, slot);
        }
        InsnList entry = new InsnList();
        entry.add(new LdcInsnNode(chunk));
        entry.add(new VarInsnNode(Opcodes.ISTORE, slot));
        code.insert(entry);

        Set<Label> budgeted = new HashSet<>();
        for (Map.Entry<LabelNode, Budgeted> loop : budgets.entrySet()) {
            LabelNode head = loop.getKey();
            StripMiner.Head at = loop.getValue().at();
            LabelNode funded = new LabelNode();
            InsnList check = new InsnList();
            check.add(new VarInsnNode(Opcodes.ILOAD, slot));
            check.add(new JumpInsnNode(Opcodes.IFGT, funded));
            check.add(new LdcInsnNode(chunk));
            check.add(new VarInsnNode(Opcodes.ISTORE, slot));
            check.add(new MethodInsnNode(Opcodes.INVOKESTATIC, owner, name, "()V", false));
            check.add(funded);
            check.add(StripMiner.copy(at.frame())); // the head's frame, already holding the budget
            code.insert(at.anchor(), check);
            for (JumpInsnNode backEdge : loops.get(head)) {
                code.insertBefore(backEdge, new IincInsnNode(slot, -loop.getValue().weight()));
            }
            budgeted.add(head.getLabel());
        }
        return budgeted;
    }

    /**
     * The number of instructions from {@code head} to index {@code to} (its last back-edge), or
     * -1 when the loop does not qualify: another backward jump or switch inside it, or a call,
     * {@code invokedynamic} or monitor.
     */
    private int bodyLength(LabelNode head, int to) {
        InsnList code = method.instructions;
        int length = 0;
        for (AbstractInsnNode n = head; n != null && code.indexOf(n) <= to; n = n.getNext()) {
            int at = code.indexOf(n);
            boolean ok = switch (n) {
                case JumpInsnNode j -> j.label == head || code.indexOf(j.label) > at;
                case TableSwitchInsnNode s -> backwards(at, s.dflt, s.labels).isEmpty();
                case LookupSwitchInsnNode s -> backwards(at, s.dflt, s.labels).isEmpty();
                case MethodInsnNode m -> m.getOpcode() == Opcodes.INVOKESTATIC && m.owner.equals("java/lang/Math");
                default -> n.getOpcode() != Opcodes.INVOKEDYNAMIC && n.getOpcode() != Opcodes.MONITORENTER;
            };
            if (!ok) return -1;
            if (n.getOpcode() >= 0) length++;
        }
        return length;
    }

    private List<LabelNode> backwards(int at, LabelNode dflt, List<LabelNode> labels) {
        List<LabelNode> back = new ArrayList<>();
        if (method.instructions.indexOf(dflt) < at) back.add(dflt);
        for (LabelNode l : labels) if (method.instructions.indexOf(l) < at) back.add(l);
        return back;
    }
}
