package go4j.cli.table;

/**
 * Memory per parked thread. Virtual threads and goroutines: N parked, the heap in use after GC
 * before and after, over N (their stacks live in the heap). OS threads: a smaller N, the growth
 * of the resident set size over N, in a child JVM whose heap cannot move that gauge
 * ({@link OsThreadRss}; their stacks and VM structures are native memory; their
 * {@code Thread} objects, a few hundred heap bytes, are lost in the heap's noise).
 */
public final class ParkedMemory implements Aspect {
    @Override public String name() { return "Memory per parked"; }
    @Override public String claimOs() { return "1 MB+ stack (from the creation row)"; }
    @Override public String claimGoroutine() { return "2 KB stack (from the creation row)"; }

    @Override
    public Row measure(Settings s) {
        int osN = s.n(2_000, 50);
        int vtN = s.n(100_000, 2_000);
        return Row.measured(this, osCell(osN, s), heapCell(Flavor.JDK_VIRTUAL, vtN, s), heapCell(Flavor.GO4J, vtN, s),
                String.format("%,d parked virtual threads/goroutines: heap in use after GC, delta / N; "
                        + "%,d parked OS threads: resident set size (VmRSS) delta / N, native stack + VM "
                        + "structures, in a child JVM with a fixed, pre-touched heap", vtN, osN));
    }

    private static Measurement heapCell(Flavor f, int n, Settings s) {
        double heap = heapPerThread(f, n, 1, s);
        return Measurement.of("heap " + Measurement.bytes(heap), "heapBytesPerThread", heap);
    }

    private static Measurement osCell(int n, Settings s) {
        if (!Memory.rssAvailable()) return Measurement.text("n/a (no /proc)");
        double rss = rssPerThread(n, 1, s);
        return Measurement.of("RSS " + Measurement.bytes(rss) + " (native: stack pages + VM)",
                "rssBytesPerThread", rss);
    }

    /** Threads parked and released to warm up a heap measurement: enough to compile the parking path. */
    private static final int HEAP_WARMUP_THREADS = 20_000;

    /**
     * Heap per parked thread of {@code f} at {@code depth}: the median of the settings' heavy
     * rounds, after parking (unmeasured, no GC) enough threads that the path to the park is
     * compiled: interpreted frames would make bigger stack chunks than the steady state's.
     */
    static double heapPerThread(Flavor f, int n, int depth, Settings s) {
        return heapPerThread(f, n, depth, 0, s);
    }

    /** As {@link #heapPerThread(Flavor, int, int, Settings)}, each thread first visiting {@code excursion} frames deeper. */
    static double heapPerThread(Flavor f, int n, int depth, int excursion, Settings s) {
        try (ParkedGroup warm = new ParkedGroup(f, Math.min(n, HEAP_WARMUP_THREADS), depth, excursion)) {
            warm.parkAll();
        }
        return Rounds.median(0, s.heavyRounds(), () -> heapPerThread(f, n, depth, excursion));
    }

    /** Resident set per parked OS thread at {@code depth}: see {@link OsThreadRss}, which measures it in a child JVM. */
    static double rssPerThread(int n, int depth, Settings s) {
        return rssPerThread(n, depth, 0, s);
    }

    /** As {@link #rssPerThread(int, int, Settings)}, each thread first visiting {@code excursion} frames deeper. */
    static double rssPerThread(int n, int depth, int excursion, Settings s) {
        return OsThreadRss.perThread(n, depth, excursion, s.heavyRounds());
    }

    /** Parks {@code n} threads of {@code f} at {@code depth} frames (after an excursion): heap growth per thread, after full GCs. */
    static double heapPerThread(Flavor f, int n, int depth, int excursion) {
        try (ParkedGroup g = new ParkedGroup(f, n, depth, excursion)) {
            long before = Memory.heapUsedAfterGc();
            g.parkAll();
            return (double) (Memory.heapUsedAfterGc() - before) / n;
        }
    }
}
