package go4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code go4j test}: its help. The launcher script runs it ({@code ./mvnw -B verify}). */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Runs go4j's whole test suite.",
            "./mvnw -B verify [MAVEN-ARG...] in the checkout; -Pstress adds the long stress tests."})
final class TestCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MAVEN-ARG", arity = "0..*", description = "Passed to Maven (e.g. -Pstress, -pl go4j-core).")
    List<String> mavenArgs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("go4j test: run it through the launcher: ./go4j test [maven args]");
        return 2;
    }
}
