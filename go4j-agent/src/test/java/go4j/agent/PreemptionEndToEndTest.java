package go4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent and the runtime together: with GOMAXPROCS=1, two goroutines spinning in loops that
 * make no calls would starve a ticker forever on plain virtual threads. Instrumented, sysmon's
 * preemption requests reach them through the inserted checkpoints and the ticker runs, which is
 * the only way the loops can end.
 */
class PreemptionEndToEndTest {
    @TempDir Path tmp;

    @Test
    void instrumentedTightLoopsAreTimeSlicedWithATicker() throws Exception {
        Path agentJar = tmp.resolve("agent.jar");
        var mf = new java.util.jar.Manifest();
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Premain-Class", PreemptionAgent.class.getName());
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(agentJar), mf)) {
            // the agent's classes come from the class path
        }
        String cp = String.join(File.pathSeparator, location(PreemptionAgent.class),
                location(org.objectweb.asm.ClassReader.class), location(org.objectweb.asm.tree.MethodNode.class),
                location(go4j.Go.class), location(samples.TightLoops.class));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(java, "-javaagent:" + agentJar + "=include=samples.*", "-Dgo4j.maxprocs=1",
                "-Djdk.trackAllThreads=false", "-Dgo4j.hogs=quiet", "-cp", cp, "samples.TightLoops")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        if (!finished) p.destroyForcibly();
        assertThat(finished).as("the loops ended (the ticker ran); stderr:\n" + Files.readString(err)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        String printed = Files.readString(out);
        System.out.print("preemption end to end: " + printed);
        assertThat(printed).startsWith("done: loops counted ");
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
