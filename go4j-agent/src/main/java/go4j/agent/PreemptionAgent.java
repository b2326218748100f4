package go4j.agent;

import java.lang.instrument.Instrumentation;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The agent's entry points: {@code -javaagent:go4j-agent.jar[=options]} at launch
 * ({@link #premain}), or a dynamic attach ({@link #agentmain}), which instruments only classes
 * loaded after it. Options are described in {@link AgentOptions}.
 *
 * <p>Besides installing the {@link CheckpointTransformer}, the agent opens {@code java.lang} to
 * the application's class path and to a {@code go4j} module if one is in the boot layer: the
 * scheduler reaches the JDK's virtual-thread builder by reflection, and this way a user who
 * starts with the agent does not also need {@code --add-opens java.base/java.lang=ALL-UNNAMED}.
 */
public final class PreemptionAgent {
    private PreemptionAgent() {}

    /**
     * Called by the JVM before {@code main} for {@code -javaagent}.
     *
     * @throws IllegalArgumentException for malformed options (the JVM then refuses to start,
     *     printing the message)
     */
    public static void premain(String args, Instrumentation inst) {
        install(args, inst);
    }

    /**
     * Called by the JVM when the agent is attached to a running VM. Classes already loaded keep
     * their code: the agent does not retransform.
     *
     * @throws IllegalArgumentException for malformed options
     */
    public static void agentmain(String args, Instrumentation inst) {
        install(args, inst);
    }

    static CheckpointTransformer install(String args, Instrumentation inst) {
        AgentOptions options = AgentOptions.parse(args);
        openJavaLang(inst);
        CheckpointTransformer transformer = new CheckpointTransformer(options);
        inst.addTransformer(transformer, false);
        if (options.verbose()) {
            System.err.println("go4j-agent: checkpoints on loop back-edges"
                    + (options.chunk() > 1 ? " (counted loops: one per " + options.chunk() + " iterations)" : "")
                    + (options.entry() ? " and method entries" : "")
                    + (options.sites() ? ", primitive creation sites" : "")
                    + (options.include().isEmpty() ? "" : ", include=" + String.join("|", options.include()))
                    + (options.exclude().isEmpty() ? "" : ", exclude=" + String.join("|", options.exclude())));
        }
        return transformer;
    }

    /** Opens java.lang to where go4j-core can be: the class path, or a named go4j module. */
    private static void openJavaLang(Instrumentation inst) {
        Module javaBase = Object.class.getModule();
        if (!inst.isModifiableModule(javaBase)) return;
        Set<Module> targets = new HashSet<>();
        targets.add(ClassLoader.getSystemClassLoader().getUnnamedModule());
        ModuleLayer.boot().findModule("go4j").ifPresent(targets::add);
        targets.removeIf(m -> javaBase.isOpen("java.lang", m));
        if (targets.isEmpty()) return;
        inst.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", targets), Set.of(), Map.of());
    }
}
