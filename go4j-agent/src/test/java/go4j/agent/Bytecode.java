package go4j.agent;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Reading class files in tests, with ASM's tree API: a second way to find back-edges (by
 * instruction index, not by visiting order, so it does not share the inserter's logic), counts
 * of inserted calls, and bytecode verification.
 */
final class Bytecode {
    private Bytecode() {}

    /** Method key, {@code name + descriptor}, to the number of backward jumps and switches in it. */
    static Map<String, Integer> backEdgesPerMethod(byte[] classfile) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (MethodNode m : read(classfile).methods) {
            InsnList code = m.instructions;
            int n = 0;
            for (AbstractInsnNode insn : code) {
                if (isBackEdge(code, insn)) n++;
            }
            counts.put(m.name + m.desc, n);
        }
        return counts;
    }

    /** Method key to the number of {@code INVOKESTATIC owner.name()V} in it. */
    static Map<String, Integer> callsPerMethod(byte[] classfile, String owner, String name) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (MethodNode m : read(classfile).methods) {
            int n = 0;
            for (AbstractInsnNode insn : m.instructions) {
                if (isCall(insn, owner, name)) n++;
            }
            counts.put(m.name + m.desc, n);
        }
        return counts;
    }

    /** Total number of {@code INVOKESTATIC owner.name()V} in the class. */
    static int calls(byte[] classfile, String owner, String name) {
        return callsPerMethod(classfile, owner, name).values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Every call to {@code owner.name} is either the first instruction of its method or
     * immediately followed by a back-edge; returns a description of the first one that is not.
     */
    static String misplacedCall(byte[] classfile, String owner, String name) {
        for (MethodNode m : read(classfile).methods) {
            InsnList code = m.instructions;
            for (AbstractInsnNode insn : code) {
                if (!isCall(insn, owner, name)) continue;
                boolean first = firstReal(code.getFirst()) == insn;
                if (!first && !isBackEdge(code, insn.getNext())) {
                    return m.name + m.desc + " at index " + code.indexOf(insn);
                }
            }
        }
        return null;
    }

    /**
     * Verifies the class with ASM's analyser (types, stack heights, frames); returns its
     * complaints, empty when it is sound. {@code loader} resolves the types it meets.
     */
    static String verify(byte[] classfile, ClassLoader loader) {
        StringWriter out = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(classfile), loader, false, new PrintWriter(out));
        return out.toString();
    }

    static ClassNode read(byte[] classfile) {
        ClassNode node = new ClassNode();
        new ClassReader(classfile).accept(node, 0);
        return node;
    }

    private static boolean isBackEdge(InsnList code, AbstractInsnNode insn) {
        if (insn == null) return false;
        int at = code.indexOf(insn);
        if (insn instanceof JumpInsnNode j) {
            return j.getOpcode() != Opcodes.JSR && code.indexOf(j.label) <= at;
        }
        if (insn instanceof TableSwitchInsnNode t) {
            return precedes(code, t.dflt, at) || t.labels.stream().anyMatch(l -> precedes(code, l, at));
        }
        if (insn instanceof LookupSwitchInsnNode l) {
            return precedes(code, l.dflt, at) || l.labels.stream().anyMatch(x -> precedes(code, x, at));
        }
        return false;
    }

    private static boolean precedes(InsnList code, LabelNode label, int at) {
        return code.indexOf(label) <= at;
    }

    private static boolean isCall(AbstractInsnNode insn, String owner, String name) {
        return insn instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESTATIC
                && call.owner.equals(owner) && call.name.equals(name) && call.desc.equals("()V");
    }

    /** The first instruction that is not a label, line number or frame. */
    private static AbstractInsnNode firstReal(AbstractInsnNode insn) {
        while (insn != null && insn.getOpcode() < 0) insn = insn.getNext();
        return insn;
    }
}
