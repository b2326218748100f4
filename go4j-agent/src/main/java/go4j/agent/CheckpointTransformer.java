package go4j.agent;

import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * The JVM's hook: for each class being defined, asks the {@link ClassFilter} and, if it agrees,
 * has the {@link CheckpointInserter} rewrite the class file.
 *
 * <p>Never throws into the JVM: a class the inserter cannot handle (a class-file version newer
 * than the shaded ASM knows, a method that would grow past 64 KiB) is left as it was, with one
 * line on stderr, because a class without checkpoints still runs correctly, only unpreemptibly.
 * Classes whose loading starts while this thread is already inside {@code transform} (classes a
 * loader pulls in while answering the filter's resource lookup) are left alone, so the
 * transformer never re-enters itself. Thread-safe.
 */
public final class CheckpointTransformer implements ClassFileTransformer {
    /** Set while this thread is inside transform: nested class loads pass through untouched. */
    private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();

    private final ClassFilter filter;
    private final CheckpointInserter inserter;
    private final boolean verbose;
    private final PrintStream log;

    /** A transformer with these options, inserting calls to {@code go4j.Go.checkpoint()}. */
    public CheckpointTransformer(AgentOptions options) {
        this(options, CheckpointInserter.forGo(options.entry(), options.sites(), options.chunk()), System.err);
    }

    /** For tests: another call target, another log. */
    CheckpointTransformer(AgentOptions options, CheckpointInserter inserter, PrintStream log) {
        this.inserter = inserter;
        this.verbose = options.verbose();
        this.log = log;
        this.filter = new ClassFilter(options, loader -> {
            if (verbose) {
                String name = loader.getName() == null ? "" : " \"" + loader.getName() + "\"";
                log.println("go4j-agent: class loader" + name + " (" + loader + ") cannot see go4j.Go"
                        + " (go4j-core is not on its class path): its classes are not instrumented");
            }
        });
    }

    /**
     * The JVM's entry point. Returns the instrumented class file, or {@code null} (leave the
     * class as it is) for classes the filter declines, classes with nothing to instrument, and
     * redefinitions.
     */
    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        return rewrite(module, loader, className, classBeingRedefined, classfileBuffer);
    }

    /** As the module-aware form, for a class whose module is not known: taken as unnamed. */
    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        return rewrite(null, loader, className, classBeingRedefined, classfileBuffer);
    }

    private byte[] rewrite(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                           byte[] classfile) {
        // Redefinitions (a debugger's hot swap) are left alone: their bytes may already carry
        // checkpoints, and the agent does not ask for redefinition anyway.
        if (className == null || classBeingRedefined != null || BUSY.get() != null) return null;
        String dotted = className.replace('/', '.');
        if (!filter.acceptsName(dotted)) return null; // first: it turns away the JDK, most loads
        BUSY.set(Boolean.TRUE);
        try {
            if (!filter.acceptsLoader(loader)) return null;
            if (!ClassFilter.acceptsModule(module)) {
                if (verbose) {
                    log.println("go4j-agent: left " + dotted + " uninstrumented: module " + module.getName()
                            + " does not read module go4j");
                }
                return null;
            }
            return instrument(dotted, classfile);
        } finally {
            BUSY.remove();
        }
    }

    private byte[] instrument(String className, byte[] classfile) {
        CheckpointInserter.Result result;
        try {
            result = inserter.instrument(classfile);
        } catch (RuntimeException e) {
            log.println("go4j-agent: left " + className + " uninstrumented: " + e);
            return null;
        }
        if (result == null) return null;
        if (verbose) {
            log.println("go4j-agent: instrumented " + className + " (" + count(result.backEdges(), "back-edge")
                    + (result.chunked() > 0 ? ", " + result.chunked() + " strip-mined" : "")
                    + (result.budgeted() > 0 ? ", " + result.budgeted() + " budgeted" : "")
                    + (result.entries() > 0 ? ", " + count(result.entries(), "entry") : "")
                    + (result.sites() > 0 ? ", " + count(result.sites(), "primitive site") : "") + ")");
        }
        return result.classfile();
    }

    private static String count(int n, String noun) {
        if (n == 1) return "1 " + noun;
        return n + " " + (noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
    }
}
