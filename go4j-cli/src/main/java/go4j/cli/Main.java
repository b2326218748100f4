package go4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code go4j} command line. */
@Command(name = "go4j", mixinStandardHelpOptions = true, version = "go4j 0.1.0",
        description = "Go's concurrency model for Java 25.")
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
