package go4j.cli;

import go4j.cli.table.Aspect;
import go4j.cli.table.Aspects;
import go4j.cli.table.Environment;
import go4j.cli.table.Row;
import go4j.cli.table.Settings;
import go4j.cli.table.TablePrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code go4j table}: measures the "OS Thread vs Goroutine" table on this machine and prints it. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = {
            "Measures the \"OS Thread vs Goroutine\" table on this machine: OS threads, JDK virtual "
                    + "threads on the default scheduler, and go4j goroutines, with the usual claims "
                    + "(the classic \"OS thread vs goroutine\" table's) beside each row. Progress goes to stderr, the table to stdout."})
final class TableCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Few rounds and small sizes: a few seconds, rough numbers.")
    boolean quick;

    @Option(names = "--json", description = "Print JSON instead of the text table.")
    boolean json;

    @Option(names = "--scale", hidden = true, defaultValue = "1",
            description = "Multiplies every size (for tests; sizes keep a floor).")
    double scale;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings = Settings.of(quick, scale);
        Environment env = Environment.detect();
        err.println(TablePrinter.header(env));
        List<Row> rows = new ArrayList<>();
        for (Aspect a : Aspects.ALL) {
            err.printf("measuring %s...%n", a.name());
            err.flush();
            long t0 = System.nanoTime();
            rows.add(a.measure(settings));
            err.printf("  %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        err.flush();
        if (json) TablePrinter.printJson(out, env, settings, rows);
        else TablePrinter.printText(out, env, settings, rows);
        return 0;
    }
}
