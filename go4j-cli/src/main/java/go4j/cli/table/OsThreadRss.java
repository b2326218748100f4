package go4j.cli.table;

import java.util.ArrayList;
import java.util.List;

/**
 * Resident set per parked OS thread, measured in a child JVM whose heap cannot move the gauge.
 *
 * <p>An OS thread's stack and VM structures are native memory, so its cost is the growth of the
 * process's resident set. In the table's own JVM that gauge also moves with the heap: after a
 * full GC shrinks it, G1 gives the pages back concurrently, a little later, so a later
 * measurement could see the resident set fall by tens of megabytes while threads were started
 * (50 threads once measured -1.7 MB each), and the committed-heap figure, already lowered at
 * the GC, cannot take that back out. The child's heap is fixed and touched in full at start
 * ({@link #HEAP_FLAGS}): its resident set moves only with native memory.
 */
final class OsThreadRss {
    private OsThreadRss() {}

    /** A fixed heap ({@code -Xms} = {@code -Xmx}), every page touched at start: never grown, never given back. */
    static final List<String> HEAP_FLAGS = List.of("-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch");
    /** The line the child prints: this name, then the figure. */
    static final String METRIC = "rssBytesPerThread";

    /**
     * Resident set per parked OS thread, {@code n} threads at {@code depth} frames (after an
     * {@code excursion} that many deeper): the median of {@code rounds} rounds after one warm-up
     * round (the first threads also grow malloc arenas and VM tables), in a child JVM with this
     * JVM's stack size.
     */
    static double perThread(int n, int depth, int excursion, int rounds) {
        List<String> flags = new ArrayList<>(HEAP_FLAGS);
        double stack = StackSize.reservedBytes();
        if (stack > 0) flags.add("-XX:ThreadStackSize=" + (long) (stack / 1024));
        String out = ChildJvm.run(flags, OsThreadRss.class, Integer.toString(n), Integer.toString(depth),
                Integer.toString(excursion), Integer.toString(rounds));
        return ChildJvm.figure(out, METRIC);
    }

    /** Parks {@code n} OS threads at {@code depth} frames (after an excursion): resident-set growth per thread. */
    static double oneRound(int n, int depth, int excursion) {
        try (ParkedGroup g = new ParkedGroup(Flavor.OS_THREAD, n, depth, excursion)) {
            long before = Memory.rss();
            g.parkAll();
            return (double) (Memory.rss() - before) / n;
        }
    }

    /** {@code OsThreadRss <n> <depth> <excursion> <rounds>}: prints {@code rssBytesPerThread <bytes>}. */
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: OsThreadRss <n> <depth> <excursion> <rounds>");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]), depth = Integer.parseInt(args[1]);
        int excursion = Integer.parseInt(args[2]), rounds = Integer.parseInt(args[3]);
        double perThread = Rounds.median(1, rounds, () -> oneRound(n, depth, excursion));
        System.out.printf("%s %.1f%n", METRIC, perThread);
    }
}
