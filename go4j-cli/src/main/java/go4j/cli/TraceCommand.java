package go4j.cli;

import go4j.cli.trace.ChromeTrace;
import go4j.cli.trace.TimelinePage;
import go4j.cli.trace.TraceModel;
import go4j.trace.Trace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./go4j trace}: runs a program as {@code ./go4j run} does, with a trace recorded (a JFR
 * recording with go4j's trace settings, {@code go4j.trace.Trace#SETTINGS}), then writes
 * {@code trace.html} and {@code trace.json} from it. {@code trace view rec.jfr} does the second
 * half for a recording made elsewhere.
 */
@Command(name = "trace", sortOptions = false,
        description = {"Runs a program with tracing on, then writes DIR/trace.html (a timeline to open in a browser)",
                "and DIR/trace.json (Chrome trace-event format, for Perfetto or chrome://tracing)."},
        subcommands = TraceCommand.View.class)
public final class TraceCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "where to write trace.html and trace.json (default: ${DEFAULT-VALUE})")
    Path out = Path.of("go4j-trace");

    @Option(names = "--maxprocs", paramLabel = "N", description = "GOMAXPROCS for the program")
    Integer maxprocs;

    @Option(names = "--no-preempt", description = "without the preemption agent")
    boolean noPreempt;

    @Option(names = "--no-stacks", description = "record waits without their stacks: a stack costs microseconds per wait, so this traces a busy program far more cheaply")
    boolean noStacks;

    @Parameters(paramLabel = "File.java [args]", arity = "0..*", // 0: so that `trace view` is not held to it
            description = "the program, as for ./go4j run: a source file (or a main class on the class path) and its arguments")
    List<String> program;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (program == null || program.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'File.java [args]'");
        }
        if (maxprocs != null && maxprocs < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--maxprocs wants a whole number >= 1, not " + maxprocs);
        }
        Files.createDirectories(out);
        Path recording = out.resolve("trace.jfr");
        Path settings = Files.createTempFile("go4j-trace", ".jfc");
        int status;
        try {
            try (InputStream in = Trace.class.getResourceAsStream(Trace.SETTINGS)) {
                Files.copy(in, settings, StandardCopyOption.REPLACE_EXISTING);
            }
            if (noStacks) {
                Files.writeString(settings, Files.readString(settings)
                        .replace("<setting name=\"stackTrace\">true</setting>", "<setting name=\"stackTrace\">false</setting>"));
            }
            Files.deleteIfExists(recording);
            List<String> cmd = javaCommand(recording, settings);
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            status = p.waitFor();
        } finally {
            Files.deleteIfExists(settings);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(recording)) {
            err.println("go4j trace: the program wrote no recording (exit status " + status + ")");
            err.flush();
            return status == 0 ? 1 : status;
        }
        write(recording, out, program.getFirst(), spec.commandLine().getOut());
        return status;
    }

    /** The child JVM: as the launcher's {@code run}, plus a recording of the whole run. */
    List<String> javaCommand(Path recording, Path settings) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-Djdk.trackAllThreads=false"));
        if (maxprocs != null) cmd.add("-Dgo4j.maxprocs=" + maxprocs);
        Path agent = Locations.agentJar();
        if (!noPreempt && agent != null) {
            cmd.addAll(vthreadEventsOff(System.getenv("JAVA_TOOL_OPTIONS"), System.getenv("JDK_JAVA_OPTIONS")));
            cmd.add("-javaagent:" + agent);
        }
        cmd.add("-Xlog:jfr+startup=warning"); // not JFR's "Started recording" banner
        cmd.add("-XX:StartFlightRecording:filename=" + recording.toAbsolutePath() + ",settings=" + settings.toAbsolutePath()
                + ",dumponexit=true");
        cmd.add("-cp");
        cmd.add(Locations.coreClassPath());
        cmd.addAll(program);
        return cmd;
    }

    /**
     * The flags that stop the JVM posting JVMTI virtual-thread mount/unmount events, which any
     * {@code -javaagent} turns on and every goroutine switch then pays for (the agent needs none),
     * as the launcher's {@code run} does: none when the JVM's environment options ask for a
     * debugger or native agent, which may want them, or set the flag themselves.
     */
    static List<String> vthreadEventsOff(String... envOptions) {
        for (String options : envOptions) {
            if (options == null) continue;
            for (String o : options.trim().split("\\s+")) {
                if (o.startsWith("-agentlib:") || o.startsWith("-agentpath:") || o.startsWith("-Xrunjdwp")
                        || o.equals("-Xdebug") || o.contains("DoJVMTIVirtualThreadTransitions")) return List.of();
            }
        }
        return List.of("-XX:+UnlockExperimentalVMOptions", "-XX:-DoJVMTIVirtualThreadTransitions");
    }

    /** Reads {@code recording} and writes the two files into {@code dir}, printing their paths. */
    static void write(Path recording, Path dir, String source, PrintWriter out) throws IOException {
        TraceModel m = TraceModel.read(recording);
        Files.createDirectories(dir);
        Path html = dir.resolve("trace.html"), json = dir.resolve("trace.json");
        TimelinePage.write(m, source, html);
        ChromeTrace.write(m, json);
        out.println("go4j trace: " + m.spans.size() + " runs of " + m.goroutines.size() + " goroutines on " + m.procs
                + (m.procs == 1 ? " P" : " Ps") + ", " + m.pauses.size() + " GC pauses");
        out.println(html.toAbsolutePath());
        out.println(json.toAbsolutePath());
        out.flush();
    }

    /** {@code ./go4j trace view rec.jfr}: the files from a recording made elsewhere. */
    @Command(name = "view", description = {"Writes trace.html and trace.json from a JFR recording made with go4j's trace settings",
            "(java -XX:StartFlightRecording:filename=rec.jfr,settings=trace.jfc ...; the .jfc is go4j/trace/trace.jfc in go4j-core)."})
    static final class View implements Callable<Integer> {
        @Parameters(paramLabel = "recording.jfr", description = "the JFR file")
        Path recording;

        @Option(names = "--out", paramLabel = "DIR", description = "where to write them (default: ${DEFAULT-VALUE})")
        Path out = Path.of("go4j-trace");

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!Files.isReadable(recording)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no such recording: " + recording);
            }
            write(recording, out, recording.getFileName().toString(), spec.commandLine().getOut());
            return 0;
        }
    }
}
