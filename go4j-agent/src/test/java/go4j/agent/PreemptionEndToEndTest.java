package go4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent and the runtime together: with GOMAXPROCS=1, two goroutines spinning in loops that
 * make no calls would starve a ticker forever on plain virtual threads. Instrumented, sysmon's
 * preemption requests reach them through the inserted checkpoints and the ticker runs, which is
 * the only way the loops can end. Once with loops that keep a checkpoint per iteration, once
 * with counted loops the agent strip-mines (a checkpoint per chunk), the latter with JVMTI
 * virtual-thread transitions off, as {@code ./go4j run} starts it.
 */
class PreemptionEndToEndTest {
    @TempDir Path tmp;

    @Test
    void instrumentedTightLoopsAreTimeSlicedWithATicker() throws Exception {
        String printed = run("samples.TightLoops");
        assertThat(printed).startsWith("done: loops counted ");
    }

    @Test
    void stripMinedCountedLoopsAreTimeSlicedWithATicker() throws Exception {
        String printed = run("samples.TightCountedLoops",
                "-XX:+UnlockExperimentalVMOptions", "-XX:-DoJVMTIVirtualThreadTransitions");
        assertThat(printed).startsWith("done: loops counted ");
        assertThat(printed).doesNotContain("counted 2147483647"); // ended by the ticker, not by n
    }

    /** Runs {@code main} with the agent on samples.* and GOMAXPROCS=1; returns what it printed. */
    private String run(String main, String... flags) throws Exception {
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
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-javaagent:" + agentJar + "=include=samples.*,verbose=true", "-Dgo4j.maxprocs=1",
                "-Djdk.trackAllThreads=false", "-Dgo4j.hogs=quiet", "-cp", cp, main));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        if (!finished) p.destroyForcibly();
        assertThat(finished).as("the loops ended (the ticker ran); stderr:\n" + Files.readString(err)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        String printed = Files.readString(out);
        System.out.print("preemption end to end, " + main + ": " + printed);
        if (main.endsWith("TightCountedLoops")) {
            assertThat(Files.readString(err)).as("spin was strip-mined")
                    .contains("go4j-agent: instrumented samples.TightCountedLoops (").contains("strip-mined");
        }
        return printed;
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
