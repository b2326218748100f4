package go4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code ./go4j} launcher script and the help: bad arguments to {@code run} get one line that
 * says what is wrong with what the user typed, and {@code --cp} / {@code -J} reach the program's
 * JVM. The script runs with {@code GO4J_NO_BUILD=1}, so it never starts a build of its own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LauncherTest {

    /** The checkout: surefire runs in go4j-cli/. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private record Run(int exit, String out) {}

    private static Run launcher(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("go4j").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("GO4J_NO_BUILD", "1");
        pb.environment().remove("JAVA_TOOL_OPTIONS"); // the launcher reads it: a debugger there keeps JVMTI events on
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return new Run(p.waitFor(), out);
    }

    @Test
    void maxprocsWithoutAValueSaysSo() throws Exception {
        Run r = launcher("run", "--maxprocs");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.out).isEqualTo("go4j run: --maxprocs needs a value: a whole number >= 1 (./go4j help run)");
    }

    @Test
    void maxprocsThatIsNotANumberQuotesWhatWasTyped() throws Exception {
        for (String[] args : new String[][] {{"run", "--maxprocs", "abc", "F.java"}, {"run", "--maxprocs=abc", "F.java"}}) {
            Run r = launcher(args);
            assertThat(r.exit).isEqualTo(2);
            assertThat(r.out).isEqualTo("go4j run: --maxprocs abc: not a whole number >= 1 (./go4j help run)");
        }
        assertThat(launcher("run", "--maxprocs", "0", "F.java").out).startsWith("go4j run: --maxprocs 0: not a whole number >= 1");
    }

    @Test
    void aJavaClassPathFlagIsRefusedWithTheWayToAddOne() throws Exception {
        Run r = launcher("run", "-cp", "extra.jar", "F.java");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.out).isEqualTo("go4j run: unknown option -cp (to add to the class path: --cp PATH; "
                + "a JVM option: -J-cp) (./go4j help run)");
    }

    @Test
    void missingProgramValuesAndFilesAreNamed() throws Exception {
        assertThat(launcher("run").out).startsWith("go4j run: no program: usage: ./go4j run [options] File.java");
        assertThat(launcher("run", "--cp").out).startsWith("go4j run: --cp needs a class path");
        assertThat(launcher("run", "-J", "-Xmx1g", "F.java").out).startsWith("go4j run: -J takes its JVM option attached");
        assertThat(launcher("run", "Nowhere.java").out).isEqualTo("go4j run: Nowhere.java: no such file (./go4j help run)");
    }

    @Test
    void classPathEntriesAreAppendedAndJvmOptionsPassed(@TempDir Path dir) throws Exception {
        Path core = ROOT.resolve("go4j-core/target/go4j-core.jar");
        assumeTrue(Files.exists(core), "go4j-core is not packaged yet");
        Path prog = dir.resolve("Probe.java");
        Files.writeString(prog, """
                public class Probe {
                    public static void main(String[] args) {
                        System.out.println("cp=" + System.getProperty("java.class.path"));
                        System.out.println("x=" + System.getProperty("x") + " y=" + System.getProperty("y"));
                        System.out.println("maxprocs=" + go4j.Go.gomaxprocs());
                        System.out.println("args=" + String.join(",", args));
                    }
                }
                """);
        Path extra = Files.createDirectory(dir.resolve("extra"));
        Run r = launcher("run", "--maxprocs", "3", "--no-preempt", "--cp", extra.toString(), "--cp=/elsewhere.jar",
                "-J-Dx=1", "-Dy=2", "-J-Xmx64m", prog.toString(), "a", "--cp", "b");
        assertThat(r.exit).as(r.out).isZero();
        assertThat(r.out.lines()).contains(
                "cp=" + core + File.pathSeparator + extra + File.pathSeparator + "/elsewhere.jar",
                "x=1 y=2",
                "maxprocs=3",
                "args=a,--cp,b"); // after the file, everything is the program's
    }

    /** The JVM options a probe program was started with that concern JVMTI or agents, one per line. */
    private static Run agentOptionsOf(Path dir, String... runOptions) throws Exception {
        Path prog = dir.resolve("Options.java");
        Files.writeString(prog, """
                public class Options {
                    public static void main(String[] args) {
                        for (String o : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                            if (o.contains("JVMTI") || o.startsWith("-agentlib")) System.out.println("opt=" + o);
                            if (o.startsWith("-javaagent")) System.out.println("opt=-javaagent");
                        }
                    }
                }
                """);
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(runOptions));
        args.add(prog.toString());
        return launcher(args.toArray(String[]::new));
    }

    @Test
    void withTheAgentJvmtiVirtualThreadEventsAreOffUnlessADebuggerOrTheUserSaysOtherwise(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(ROOT.resolve("go4j-agent/target/go4j-agent.jar")), "go4j-agent is not packaged yet");
        Run plain = agentOptionsOf(dir);
        assertThat(plain.exit).as(plain.out).isZero();
        assertThat(plain.out.lines().filter(l -> l.startsWith("opt="))).containsExactly(
                "opt=-XX:-DoJVMTIVirtualThreadTransitions", "opt=-javaagent");

        Run noAgent = agentOptionsOf(dir, "--no-preempt");
        assertThat(noAgent.out.lines().filter(l -> l.startsWith("opt="))).isEmpty();

        String jdwp = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=localhost:0";
        Run debugged = agentOptionsOf(dir, "-J" + jdwp);
        assertThat(debugged.exit).as(debugged.out).isZero();
        assertThat(debugged.out.lines().filter(l -> l.startsWith("opt="))).containsExactly("opt=" + jdwp, "opt=-javaagent");

        Run optedOut = agentOptionsOf(dir, "-J-XX:+UnlockExperimentalVMOptions", "-J-XX:+DoJVMTIVirtualThreadTransitions");
        assertThat(optedOut.exit).as(optedOut.out).isZero();
        assertThat(optedOut.out.lines().filter(l -> l.startsWith("opt="))).containsExactly(
                "opt=-XX:+DoJVMTIVirtualThreadTransitions", "opt=-javaagent");
    }

    @Test
    void traceTurnsTheEventsOffUnlessTheEnvironmentAsksForADebugger() {
        assertThat(TraceCommand.vthreadEventsOff(null, null))
                .containsExactly("-XX:+UnlockExperimentalVMOptions", "-XX:-DoJVMTIVirtualThreadTransitions");
        assertThat(TraceCommand.vthreadEventsOff("-Xmx1g -agentlib:jdwp=transport=dt_socket,server=y", null)).isEmpty();
        assertThat(TraceCommand.vthreadEventsOff(null, "-XX:+DoJVMTIVirtualThreadTransitions")).isEmpty();
    }

    @Test
    void oneHelpListsEveryCommandAndEachHasItsOwn() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--help")).isZero();
        assertThat(out.toString()).contains("Commands:").containsPattern("(?m)^\\s+table\\s")
                .containsPattern("(?m)^\\s+run\\s").containsPattern("(?m)^\\s+test\\s").containsPattern("(?m)^\\s+help\\s");

        StringWriter runHelp = new StringWriter();
        cl = Main.commandLine();
        cl.setOut(new PrintWriter(runHelp));
        assertThat(cl.execute("help", "run")).isZero();
        assertThat(runHelp.toString()).contains("Usage: ./go4j run [--maxprocs N]", "--maxprocs=N", "--cp=PATH", "-J-Xmx2g", "--no-preempt");
    }
}
