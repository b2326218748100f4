package go4j.cli.table;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints the measured rows: as a text table (each row's measurements, the usual claims under the
 * matching columns, and how it was measured), or as JSON.
 */
public final class TablePrinter {
    private TablePrinter() {}

    private static final int ASPECT_WIDTH = 18, CELL_WIDTH = 30, NOTE_WIDTH = ASPECT_WIDTH + 3 * (CELL_WIDTH + 3);
    /** The label of a row's claims, and where they come from (said once, above the table). */
    static final String CLAIM_LABEL = "(usual claim)";
    static final String CLAIM_SOURCE = CLAIM_LABEL + ": what the classic \"OS thread vs goroutine\" comparison table says";

    /** The header line: JDK, cores, GOMAXPROCS, whether go4j's scheduler runs the goroutines. */
    public static String header(Environment env) {
        return String.format("go4j table: JDK %s, %d cores, GOMAXPROCS %d, go4j scheduler %s",
                env.jdk(), env.cores(), env.gomaxprocs(),
                env.schedulerActive() ? "active" : "not active (goroutines run on the JDK default scheduler)");
    }

    /** The text table. */
    public static void printText(PrintWriter out, Environment env, Settings s, List<Row> rows) {
        out.println(header(env));
        out.printf("numbers: median of %d rounds after %s%s%n", s.rounds(), s.quick()
                ? s.warmups() + " warm-up round" + (s.warmups() == 1 ? "" : "s") + " (--quick: small sizes, rough numbers)"
                : String.format("warm-up rounds until one in which the JIT compiled nothing (%d to %d)", s.warmups(),
                        Rounds.MAX_WARMUPS), "");
        out.println(CLAIM_SOURCE);
        out.println();
        printLine(out, "Aspect", Flavor.OS_THREAD.title(), Flavor.JDK_VIRTUAL.title(), Flavor.GO4J.title());
        out.println("-".repeat(ASPECT_WIDTH) + ("-+-" + "-".repeat(CELL_WIDTH)).repeat(3));
        for (Row r : rows) {
            printLine(out, r.aspect(), r.cell(Flavor.OS_THREAD).text(), r.cell(Flavor.JDK_VIRTUAL).text(),
                    r.cell(Flavor.GO4J).text());
            printLine(out, CLAIM_LABEL, r.claimOs(), "", r.claimGoroutine());
            for (String line : wrap("how: " + r.note(), NOTE_WIDTH - 2)) out.println("  " + line);
            out.println();
        }
        out.flush();
    }

    /** One logical line of four columns, each cell wrapped to its width. */
    private static void printLine(PrintWriter out, String aspect, String os, String vt, String go) {
        List<String> a = wrap(aspect, ASPECT_WIDTH), o = wrap(os, CELL_WIDTH), v = wrap(vt, CELL_WIDTH),
                g = wrap(go, CELL_WIDTH);
        int lines = Math.max(Math.max(a.size(), o.size()), Math.max(v.size(), g.size()));
        for (int i = 0; i < lines; i++) {
            String line = String.format("%-" + ASPECT_WIDTH + "s | %-" + CELL_WIDTH + "s | %-" + CELL_WIDTH
                    + "s | %s", at(a, i), at(o, i), at(v, i), at(g, i));
            out.println(line.stripTrailing());
        }
    }

    private static String at(List<String> lines, int i) { return i < lines.size() ? lines.get(i) : ""; }

    /** Greedy word wrap; a word longer than the width gets a line of its own. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) lines.add(line.toString());
        return lines;
    }

    /** The JSON document: {@code {"environment": {...}, "settings": {...}, "rows": [...]}}. */
    public static void printJson(PrintWriter out, Environment env, Settings s, List<Row> rows) {
        StringBuilder j = new StringBuilder();
        j.append("{\n  \"environment\": {")
                .append("\"jdk\": ").append(str(env.jdk()))
                .append(", \"cores\": ").append(env.cores())
                .append(", \"gomaxprocs\": ").append(env.gomaxprocs())
                .append(", \"jdkParallelism\": ").append(env.jdkParallelism())
                .append(", \"go4jSchedulerActive\": ").append(env.schedulerActive()).append("},\n")
                .append("  \"settings\": {\"quick\": ").append(s.quick())
                .append(", \"scale\": ").append(num(s.scale()))
                .append(", \"warmups\": ").append(s.warmups())
                .append(", \"rounds\": ").append(s.rounds()).append("},\n")
                .append("  \"rows\": [");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            j.append(i == 0 ? "\n" : ",\n");
            j.append("    {\"aspect\": ").append(str(r.aspect()))
                    .append(",\n     \"claims\": {\"osThread\": ").append(str(r.claimOs()))
                    .append(", \"goroutine\": ").append(str(r.claimGoroutine())).append("}");
            for (Flavor f : Flavor.values()) {
                Measurement m = r.cell(f);
                j.append(",\n     ").append(str(f.key())).append(": {\"text\": ").append(str(m.text()))
                        .append(", \"values\": {");
                boolean first = true;
                for (Map.Entry<String, Double> e : m.values().entrySet()) {
                    if (!first) j.append(", ");
                    first = false;
                    j.append(str(e.getKey())).append(": ").append(num(e.getValue()));
                }
                j.append("}}");
            }
            j.append(",\n     \"note\": ").append(str(r.note())).append("}");
        }
        j.append("\n  ]\n}");
        out.println(j);
        out.flush();
    }

    /** A JSON number; JSON has no NaN or infinity, so those become {@code null}. */
    private static String num(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return "null";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }

    /** A JSON string literal. */
    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
