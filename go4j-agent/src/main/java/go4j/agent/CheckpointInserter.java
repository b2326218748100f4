package go4j.agent;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites one class file so that every loop back-edge (and, if asked, every method entry)
 * calls a static no-argument {@code void} method, {@code go4j.Go.checkpoint()} in production.
 *
 * <p>One pass, no frame recomputation: a back-edge is found as a jump whose target label was
 * already visited (labels arrive in code order, each just before the instruction it marks), and
 * the call is emitted right before that jump. The call leaves stack, locals and frames as they
 * were (see the package overview), so the writer only recomputes offsets and max-stack
 * ({@code COMPUTE_MAXS}); nothing here loads a class. Stateless apart from its settings:
 * one instance serves all threads.
 */
final class CheckpointInserter {
    /** Internal name of the class that owns the checkpoint. */
    static final String GO_OWNER = "go4j/Go";
    /** The checkpoint's name; its descriptor is always {@code ()V}. */
    static final String CHECKPOINT = "checkpoint";

    private final String owner;
    private final String name;
    private final boolean atEntry;

    /**
     * @param owner   internal name of the class owning the call target ({@code go4j/Go})
     * @param name    the static {@code ()V} method to call ({@code checkpoint})
     * @param atEntry whether method entries get a call too, besides back-edges
     */
    CheckpointInserter(String owner, String name, boolean atEntry) {
        this.owner = owner;
        this.name = name;
        this.atEntry = atEntry;
    }

    /** The production inserter: calls {@code go4j.Go.checkpoint()}. */
    static CheckpointInserter forGo(boolean atEntry) {
        return new CheckpointInserter(GO_OWNER, CHECKPOINT, atEntry);
    }

    /**
     * What one rewrite did.
     *
     * @param classfile the rewritten class file
     * @param backEdges calls inserted before back-edges
     * @param entries   calls inserted at method entries
     */
    record Result(byte[] classfile, int backEdges, int entries) {}

    /**
     * Rewrites {@code classfile}; returns {@code null} when there was nothing to insert (no
     * loops and no entry checkpoints), so the caller can leave the class untouched.
     *
     * @throws RuntimeException from ASM for a class file it cannot read (a newer version than
     *     it knows, a malformed file) or write (a method grown past 64 KiB)
     */
    Result instrument(byte[] classfile) {
        ClassReader reader = new ClassReader(classfile);
        ClassWriter writer = new NoFramesWriter(reader);
        Counting counting = new Counting(writer);
        reader.accept(counting, 0);
        if (counting.backEdges == 0 && counting.entries == 0) return null;
        return new Result(writer.toByteArray(), counting.backEdges, counting.entries);
    }

    /** Passes the class through, giving each eligible method a {@link BackEdges} visitor. */
    private final class Counting extends ClassVisitor {
        int backEdges; // written by the method visitors of this one pass
        int entries;

        Counting(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public MethodVisitor visitMethod(int access, String methodName, String descriptor,
                                         String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, methodName, descriptor, signature, exceptions);
            boolean skip = methodName.equals("<clinit>") // a yield here would hold the class-init lock
                    || (access & Opcodes.ACC_BRIDGE) != 0 // only forwards to the real method
                    || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0; // no code
            return skip || next == null ? next : new BackEdges(next, this);
        }
    }

    /** Inserts the call before each backward jump or switch, and at entry if asked. */
    private final class BackEdges extends MethodVisitor {
        private final Counting counts;
        /** Labels seen so far in this method: a jump to one of them jumps backwards. */
        private final Set<Label> visited = Collections.newSetFromMap(new IdentityHashMap<>());

        BackEdges(MethodVisitor next, Counting counts) {
            super(Opcodes.ASM9, next);
            this.counts = counts;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (atEntry) {
                // Before any label, so a loop starting at offset 0 does not include it.
                emitCall();
                counts.entries++;
            }
        }

        @Override
        public void visitLabel(Label label) {
            visited.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label target) {
            // JSR is a subroutine call (pre-Java 6 finally), not a loop.
            if (opcode != Opcodes.JSR && visited.contains(target)) backEdge();
            super.visitJumpInsn(opcode, target);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (anyVisited(dflt, labels)) backEdge();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (anyVisited(dflt, labels)) backEdge();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean anyVisited(Label dflt, Label[] labels) {
            if (visited.contains(dflt)) return true;
            for (Label l : labels) {
                if (visited.contains(l)) return true;
            }
            return false;
        }

        private void backEdge() {
            emitCall();
            counts.backEdges++;
        }

        private void emitCall() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, owner, name, "()V", false);
        }
    }

    /**
     * A writer that copies the constant pool and keeps the reader's frames. It never merges
     * types, so asking it to would be a bug: it refuses instead of loading classes (the default
     * implementation calls {@code Class.forName}, which inside a transformer can deadlock or
     * load a class before its time).
     */
    private static final class NoFramesWriter extends ClassWriter {
        NoFramesWriter(ClassReader reader) {
            super(reader, ClassWriter.COMPUTE_MAXS);
        }

        @Override
        protected String getCommonSuperClass(String type1, String type2) {
            throw new UnsupportedOperationException(
                    "go4j-agent does not recompute frames (asked to merge " + type1 + " and " + type2 + ")");
        }
    }
}
