package go4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code go4j run}: its help. The launcher script runs the program itself (one JVM, started with
 * {@code exec}, with go4j-core on the class path and the agent), so this class only documents the
 * options the script takes; keep the two in step.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        customSynopsis = {"./go4j run [--maxprocs N] [--no-preempt] [--cp PATH]... [-J<jvm-option>]...",
            "                File.java [ARG...]"},
        description = {
            "Runs a Java program from source on go4j, like `go run`.",
            "File.java (JEP 458: other files of its source tree are compiled as needed) runs with "
                    + "go4j-core on the class path, the JVM flags go4j needs, and the preemption agent.",
            "Options go before File.java; everything after it goes to the program."},
        footer = {"", "Example: ./go4j run --maxprocs 2 --cp lib/jackson.jar -J-Xmx2g Server.java 8080"})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--maxprocs", paramLabel = "N", description = "GOMAXPROCS (a whole number >= 1).")
    Integer maxprocs;

    @Option(names = "--no-preempt", description = "Without the preemption agent.")
    boolean noPreempt;

    @Option(names = "--cp", paramLabel = "PATH",
            description = "Class path entries (':'-separated) appended to go4j's; may be repeated.")
    List<String> classPath;

    @Option(names = "-J", paramLabel = "<jvm-option>",
            description = "A JVM option, written right after -J: -J-Xmx2g, -J-Dkey=value; may be repeated. "
                    + "-Dkey=value also works without -J.")
    List<String> jvmOptions;

    @Parameters(index = "0", paramLabel = "File.java", description = "The program's main source file.")
    String file;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "The program's arguments.")
    List<String> args;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("go4j run: run it through the launcher: ./go4j run [options] File.java [args...]");
        return 2;
    }
}
