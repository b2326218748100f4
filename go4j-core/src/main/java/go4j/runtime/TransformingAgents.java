package go4j.runtime;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this JVM may run an agent whose JVMTI state keeps a goroutine that loads a class
 * strongly reachable (see {@link LeakDetector}): any agent ({@code -javaagent}, {@code -agentlib},
 * {@code -agentpath}, {@code -Xrun}), unless the JVM's virtual-thread transitions are off
 * ({@code -XX:-DoJVMTIVirtualThreadTransitions}, as {@code ./go4j run} passes with its agent).
 *
 * <p>Told from the JVM's options as the process was started: {@code /proc/self/cmdline} and the
 * environment variables the launcher and the JVM read. Whatever cannot be seen counts as an agent:
 * no {@code /proc} (not Linux), a process that is not the {@code java} launcher (a JVM embedded
 * by another program), an argument file ({@code @file}, {@code -XX:VMOptionsFile},
 * {@code -XX:Flags}), and {@code -XX:+EnableDynamicAgentLoading} (an agent may attach later).
 * An agent attached later without that flag is not seen. Not the management beans'
 * {@code getInputArguments()}: loading them costs a fresh JVM ~20 ms, this costs one small read.
 */
final class TransformingAgents {
    private TransformingAgents() {}

    /** Whether an agent may be present: the options of this JVM, as far as they can be seen. */
    static boolean possible() {
        List<String> options = new ArrayList<>();
        for (String variable : new String[] {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"}) words(System.getenv(variable), options);
        List<String> command = commandLine();
        if (command == null || command.isEmpty() || !isJavaLauncher(command.get(0))) return true;
        options.addAll(command.subList(1, command.size()));
        words(System.getenv("_JAVA_OPTIONS"), options); // read last by the JVM: it overrides the rest
        return possible(options);
    }

    /**
     * Whether these options, in the order the JVM reads them, may give it an agent whose JVMTI state
     * holds a class-loading virtual thread. Arguments of the program itself may be among them: a
     * program argument that looks like an agent only costs the preload.
     */
    static boolean possible(List<String> options) {
        boolean agent = false, transitions = true;
        for (String o : options) {
            if (o.startsWith("-javaagent:") || o.startsWith("-agentlib:") || o.startsWith("-agentpath:")
                    || o.startsWith("-Xrun") || o.equals("-XX:+EnableDynamicAgentLoading")) {
                agent = true;
            } else if (o.startsWith("@") || o.startsWith("-XX:VMOptionsFile=") || o.startsWith("-XX:Flags=")) {
                return true; // options we cannot see
            } else if (o.equals("-XX:-DoJVMTIVirtualThreadTransitions")) {
                transitions = false;
            } else if (o.equals("-XX:+DoJVMTIVirtualThreadTransitions")) {
                transitions = true;
            }
        }
        return agent && transitions;
    }

    private static boolean isJavaLauncher(String program) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        return name.equals("java");
    }

    /** This process's arguments, the program first; null when they cannot be read. */
    private static List<String> commandLine() {
        byte[] raw;
        try (FileInputStream in = new FileInputStream("/proc/self/cmdline")) {
            raw = in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return args;
    }

    private static void words(String value, List<String> into) {
        if (value == null) return;
        for (String w : value.trim().split("\\s+")) {
            if (!w.isEmpty()) into.add(w);
        }
    }
}
