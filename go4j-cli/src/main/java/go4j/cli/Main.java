package go4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code go4j} command line: one subcommand per job. This list is the one place every command
 * of {@code ./go4j} is named, so {@code ./go4j --help} and {@code ./go4j help <command>} cover them
 * all: {@code run} and {@code test} are executed by the launcher script itself (their classes
 * here hold their help), the others here.
 */
@Command(name = "go4j", mixinStandardHelpOptions = true, version = "go4j 0.1.0",
        description = "Go's concurrency model for Java 25.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "./go4j help <command> (or ./go4j <command> --help) tells more about one."},
        subcommands = {
            TableCommand.class,
            RunCommand.class,
            TestCommand.class,
            TraceCommand.class,
            DumpCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand, for {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        CommandLine trace = cl.getSubcommands().get("trace");
        trace.setStopAtPositional(true); // the program's own arguments are not ours
        trace.getSubcommands().get("view").setStopAtPositional(false); // (the setter above reached it too)
        return cl;
    }

    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
