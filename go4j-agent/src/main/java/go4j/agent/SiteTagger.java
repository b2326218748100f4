package go4j.agent;

import java.util.ArrayDeque;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Follows each {@code Chan.make(...)}, {@code new Mutex()}, {@code new WaitGroup()}, ... in a
 * method with a call that records where the primitive was made:
 * <pre>
 *   invokestatic go4j/Chan.make (I)Lgo4j/Chan;      // the primitive is on the stack
 *   dup
 *   ldc "com.acme.Worker.run(Worker.java:42)"         // this site, a constant
 *   invokestatic go4j/Go.primitiveMade (Ljava/lang/Object;Ljava/lang/String;)V
 * </pre>
 * so a leak report can name the channel or lock a goroutine was abandoned on at the cost of one
 * field write, where a stack walk would cost a microsecond (see {@code PrimitiveSites}).
 *
 * <p>A constructor is tagged only where javac's shape guarantees the new object is still on the
 * stack after it: {@code new T; dup; ...; invokespecial T.<init>}. Constructions nest
 * ({@code new Cond(new Mutex())}), so pending {@code new}s are kept on a stack and matched to
 * their {@code <init>} in last-in, first-out order. The inserted code leaves the operand stack as
 * it found it and sits between two instructions with no label in between, so no frame changes.
 *
 * <p>The site reads as a stack trace element does, so it matches what a stack walk would report.
 */
final class SiteTagger extends MethodVisitor {
    /** go4j.Go, not go4j.runtime.PrimitiveSites: instrumented code may be in any module, and only the API is exported to all. */
    static final String SITES_OWNER = "go4j/Go";
    static final String MADE = "primitiveMade";
    static final String MADE_DESCRIPTOR = "(Ljava/lang/Object;Ljava/lang/String;)V";

    static final String CHAN = "go4j/Chan";
    private static final String CHAN_DESCRIPTOR_END = ")Lgo4j/Chan;";
    /** The primitives made with {@code new}: the sync types a goroutine can block on. */
    static final Set<String> CONSTRUCTED = Set.of(
            "go4j/sync/Mutex", "go4j/sync/RWMutex", "go4j/sync/WaitGroup", "go4j/sync/Cond",
            "go4j/sync/Semaphore", "go4j/sync/Once");

    /** "com.acme.Worker.run(" — the site up to its source file. */
    private final String sitePrefix;
    /** The source file name, or null when the class has none. */
    private final String source;
    /** Counts tags for the class being rewritten. */
    private final Runnable tagged;
    /** The line of the instructions being visited, from the line number table; -1 before any. */
    private int line = -1;
    /** Pending {@code new}s of primitives: whether each was duplicated (so survives its {@code <init>}). */
    private final ArrayDeque<Boolean> pendingNews = new ArrayDeque<>();
    /** True right after a {@code new} of a primitive, until the next instruction. */
    private boolean justNew;

    /**
     * @param className  the class's internal name
     * @param methodName the method being rewritten
     * @param source     the class's source file name, or null when it has none
     * @param tagged     called once per inserted call
     */
    SiteTagger(MethodVisitor next, String className, String methodName, String source, Runnable tagged) {
        super(Opcodes.ASM9, next);
        this.source = source;
        this.sitePrefix = className.replace('/', '.') + "." + methodName + "(";
        this.tagged = tagged;
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        this.line = line;
        super.visitLineNumber(line, start);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        justNew = false;
        super.visitTypeInsn(opcode, type);
        if (opcode == Opcodes.NEW && CONSTRUCTED.contains(type)) {
            pendingNews.push(Boolean.FALSE);
            justNew = true;
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (justNew && opcode == Opcodes.DUP) {
            pendingNews.pop();
            pendingNews.push(Boolean.TRUE);
        }
        justNew = false;
        super.visitInsn(opcode);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        justNew = false;
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        if (opcode == Opcodes.INVOKESTATIC && owner.equals(CHAN) && name.equals("make")
                && descriptor.endsWith(CHAN_DESCRIPTOR_END)) {
            tag();
        } else if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") && CONSTRUCTED.contains(owner)
                && !pendingNews.isEmpty()) {
            // A final primitive class has no subclass whose super() call could land here, so an
            // <init> of a primitive always completes the innermost pending new.
            if (pendingNews.pop()) tag();
        }
    }

    /** Emits {@code dup; ldc site; invokestatic made}: the primitive just made is on top of the stack. */
    private void tag() {
        super.visitInsn(Opcodes.DUP);
        String where = source == null ? "Unknown Source" : line < 0 ? source : source + ":" + line;
        super.visitLdcInsn(sitePrefix + where + ")");
        super.visitMethodInsn(Opcodes.INVOKESTATIC, SITES_OWNER, MADE, MADE_DESCRIPTOR, false);
        tagged.run();
    }

    // Any other instruction between a new and its dup means the new was not duplicated.

    @Override
    public void visitIntInsn(int opcode, int operand) {
        justNew = false;
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        justNew = false;
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        justNew = false;
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... bsmArgs) {
        justNew = false;
        super.visitInvokeDynamicInsn(name, descriptor, bsm, bsmArgs);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        justNew = false;
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        justNew = false;
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        justNew = false;
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        justNew = false;
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        justNew = false;
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        justNew = false;
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }
}
