package go4j.agent;

import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Rewrites one class file so that every loop back-edge (and, if asked, every method entry)
 * calls a static no-argument {@code void} method, {@code go4j.Go.checkpoint()} in production;
 * and, if asked, so that every channel or sync primitive made records where ({@link SiteTagger}).
 *
 * <p>One pass, no frame recomputation: a back-edge is found as a jump whose target label was
 * already visited (labels arrive in code order, each just before the instruction it marks), and
 * the call is emitted right before that jump. The call leaves stack, locals and frames as they
 * were (see the package overview), so the writer only recomputes offsets and max-stack
 * ({@code COMPUTE_MAXS}); nothing here loads a class. Stateless apart from its settings:
 * one instance serves all threads.
 *
 * <p>With a chunk above 1 (the agent's default, {@link StripMiner#DEFAULT_CHUNK}), each method
 * with a loop is first read into a tree and its counted loops strip-mined ({@link StripMiner}):
 * their inner back-edges get no call, the chunk's check gets one. The class is then read with
 * expanded frames, which the strip-miner extends for the locals it adds.
 */
final class CheckpointInserter {
    /** Internal name of the class that owns the checkpoint. */
    static final String GO_OWNER = "go4j/Go";
    /** The checkpoint's name; its descriptor is always {@code ()V}. */
    static final String CHECKPOINT = "checkpoint";

    private final String owner;
    private final String name;
    private final boolean atEntry;
    private final boolean tagSites;
    /** Most loop iterations per call in a strip-mined counted loop; below 2, every back-edge calls. */
    private final int chunk;

    /** An inserter that puts the call on every back-edge, strip-mining nothing. */
    CheckpointInserter(String owner, String name, boolean atEntry, boolean tagSites) {
        this(owner, name, atEntry, tagSites, 0);
    }

    /**
     * @param owner    internal name of the class owning the call target ({@code go4j/Go})
     * @param name     the static {@code ()V} method to call ({@code checkpoint})
     * @param atEntry  whether method entries get a call too, besides back-edges
     * @param tagSites whether primitives made get their creation site recorded
     * @param chunk    most iterations per call in counted loops ({@link StripMiner}); 0 or 1:
     *     a call on every back-edge
     */
    CheckpointInserter(String owner, String name, boolean atEntry, boolean tagSites, int chunk) {
        this.owner = owner;
        this.name = name;
        this.atEntry = atEntry;
        this.tagSites = tagSites;
        this.chunk = chunk;
    }

    /** The production inserter: calls {@code go4j.Go.checkpoint()}, strip-mining counted loops. */
    static CheckpointInserter forGo(boolean atEntry, boolean tagSites) {
        return forGo(atEntry, tagSites, StripMiner.DEFAULT_CHUNK);
    }

    /** The production inserter with this chunk ({@code 0}: a call on every back-edge). */
    static CheckpointInserter forGo(boolean atEntry, boolean tagSites, int chunk) {
        return new CheckpointInserter(GO_OWNER, CHECKPOINT, atEntry, tagSites, chunk);
    }

    /**
     * What one rewrite did.
     *
     * @param classfile the rewritten class file
     * @param backEdges calls inserted before back-edges
     * @param entries   calls inserted at method entries
     * @param sites     primitives made whose site is now recorded
     * @param chunked   counted loops strip-mined (each has one call, counted in backEdges, per chunk)
     * @param budgeted  other loops whose back-edges count down a budget ({@link BackEdgeBudget});
     *     their calls, one per loop head, are not in backEdges
     */
    record Result(byte[] classfile, int backEdges, int entries, int sites, int chunked, int budgeted) {}

    /**
     * Rewrites {@code classfile}; returns {@code null} when there was nothing to insert (no
     * loops, no entry checkpoints, no primitives made), so the caller can leave the class untouched.
     *
     * @throws RuntimeException from ASM for a class file it cannot read (a newer version than
     *     it knows, a malformed file) or write (a method grown past 64 KiB)
     */
    Result instrument(byte[] classfile) {
        ClassReader reader = new ClassReader(classfile);
        ClassWriter writer = new NoFramesWriter(reader);
        Counting counting = new Counting(writer);
        reader.accept(counting, chunk > 1 ? ClassReader.EXPAND_FRAMES : 0);
        if (counting.backEdges == 0 && counting.entries == 0 && counting.sites == 0 && counting.budgeted == 0) return null;
        return new Result(writer.toByteArray(), counting.backEdges, counting.entries, counting.sites, counting.chunked,
                counting.budgeted);
    }

    /** Passes the class through, giving each eligible method a {@link BackEdges} visitor (and a {@link SiteTagger}). */
    private final class Counting extends ClassVisitor {
        int backEdges; // written by the method visitors of this one pass
        int entries;
        int sites;
        int chunked;
        int budgeted;
        private String className;
        private String source;

        Counting(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public void visitSource(String file, String debug) {
            source = file;
            super.visitSource(file, debug);
        }

        @Override
        public MethodVisitor visitMethod(int access, String methodName, String descriptor,
                                         String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, methodName, descriptor, signature, exceptions);
            boolean skip = methodName.equals("<clinit>") // a yield here would hold the class-init lock
                    || (access & Opcodes.ACC_BRIDGE) != 0 // only forwards to the real method
                    || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0; // no code
            if (skip || next == null) return next;
            if (tagSites) next = new SiteTagger(next, className, methodName, source, () -> sites++);
            if (chunk < 2) return new BackEdges(next, this, Set.of());
            MethodVisitor tail = next;
            return new MethodNode(Opcodes.ASM9, access, methodName, descriptor, signature, exceptions) {
                @Override
                public void visitEnd() {
                    Set<Label> inner = StripMiner.stripMine(this, chunk);
                    chunked += inner.size();
                    Set<Label> budgeted = BackEdgeBudget.budget(this, chunk, CheckpointInserter.this.owner, CheckpointInserter.this.name, inner);
                    Counting.this.budgeted += budgeted.size();
                    if (!budgeted.isEmpty()) {
                        inner = new HashSet<>(inner);
                        inner.addAll(budgeted);
                    }
                    accept(new BackEdges(tail, Counting.this, inner));
                }
            };
        }
    }

    /** Inserts the call before each backward jump or switch, and at entry if asked. */
    private final class BackEdges extends MethodVisitor {
        private final Counting counts;
        /** Labels seen so far in this method: a jump to one of them jumps backwards. */
        private final Set<Label> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Heads of strip-mined inner loops: a jump back to one gets no call. */
        private final Set<Label> inner;

        BackEdges(MethodVisitor next, Counting counts, Set<Label> inner) {
            super(Opcodes.ASM9, next);
            this.counts = counts;
            this.inner = inner;
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
            if (opcode != Opcodes.JSR && visited.contains(target) && !inner.contains(target)) backEdge();
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
