package go4j.cli;

import go4j.cli.table.Aspect;
import go4j.cli.table.Aspects;
import go4j.cli.table.Environment;
import go4j.cli.table.Flavor;
import go4j.cli.table.Measurement;
import go4j.cli.table.Row;
import go4j.cli.table.Settings;
import go4j.cli.table.TablePrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code go4j table} through picocli, in process: every row of {@link Aspects#ALL} comes out,
 * measured rows carry a positive number for every flavor, and the JSON is well-formed. Tiny sizes
 * ({@code --scale}); no timing thresholds: the numbers are only required to exist and be positive.
 */
class TableCommandTest {

    /** Runs the command line; returns exit code, stdout and stderr. */
    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    @Timeout(120)
    @SuppressWarnings("unchecked")
    void quickJsonHasEveryRowWithPositiveNumbers() {
        Run r = run("table", "--quick", "--json", "--scale", "0.01");
        assertThat(r.exit()).as("exit code; stderr:%n%s", r.err()).isZero();

        Map<String, Object> doc = (Map<String, Object>) Json.parse(r.out());
        Map<String, Object> env = (Map<String, Object>) doc.get("environment");
        assertThat(env).containsKeys("jdk", "cores", "gomaxprocs", "go4jSchedulerActive");
        assertThat((Double) env.get("cores")).isPositive();
        assertThat((Double) env.get("gomaxprocs")).isPositive();

        List<Map<String, Object>> rows = (List<Map<String, Object>>) doc.get("rows");
        assertThat(rows).extracting(row -> row.get("aspect"))
                .containsExactlyElementsOf(Aspects.ALL.stream().map(Aspect::name).toList());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            Aspect aspect = Aspects.ALL.get(i);
            Map<String, Object> claims = (Map<String, Object>) row.get("claims");
            assertThat(claims).containsEntry("osThread", aspect.claimOs())
                    .containsEntry("goroutine", aspect.claimGoroutine());
            for (Flavor f : Flavor.values()) {
                Map<String, Object> cell = (Map<String, Object>) row.get(f.key());
                assertThat(cell).as("%s / %s", aspect.name(), f).isNotNull();
                assertThat((String) cell.get("text")).as("%s / %s text", aspect.name(), f).isNotBlank();
                Map<String, Object> values = (Map<String, Object>) cell.get("values");
                assertThat(values).as("%s / %s values", aspect.name(), f).isNotEmpty();
                values.forEach((name, v) -> assertThat((Double) v)
                        .as("%s / %s / %s", aspect.name(), f, name).isPositive());
            }
        }
    }

    @Test
    @Timeout(30)
    void textTableShowsEveryRowWithItsClaims() {
        Environment env = new Environment("25-test", 2, 2, 2, false);
        List<Row> rows = new ArrayList<>();
        for (Aspect a : Aspects.ALL) {
            rows.add(Row.measured(a, Measurement.of("os-" + a.name(), "x", 1),
                    Measurement.of("vt-" + a.name(), "x", 2), Measurement.of("go-" + a.name(), "x", 3), "how"));
        }
        StringWriter out = new StringWriter();
        TablePrinter.printText(new PrintWriter(out), env, Settings.of(false, 1), rows);
        String text = out.toString();

        assertThat(text).contains("JDK 25-test", "2 cores", "GOMAXPROCS 2", "go4j scheduler not active");
        for (Aspect a : Aspects.ALL) {
            assertThat(text).contains(a.name());
            assertThat(text).contains("vt-" + a.name());
        }
        // Claims are wrapped to the column width: compare words, not whole lines.
        String words = text.replaceAll("[\\s|]+", " ");
        assertThat(words).contains("~10 us, 1 MB+ stack", "~0.3 us, 2 KB stack",
                "(usual claim): what the classic \"OS thread vs goroutine\" comparison table says");
        assertThat(text).doesNotContain("seed");
    }

    @Test
    @Timeout(30)
    void usageListsTheTableCommand() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("table");
        assertThat(run("table", "--help").out()).contains("--quick", "--json").doesNotContain("--scale");
    }
}
