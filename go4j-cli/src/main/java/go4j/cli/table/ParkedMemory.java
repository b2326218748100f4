package go4j.cli.table;

/**
 * Memory per parked thread. Virtual threads and goroutines: N parked, the heap in use after GC
 * before and after, over N (their stacks live in the heap). OS threads: a smaller N, the growth
 * of the resident set size over N (their stacks and VM structures are native memory; their
 * {@code Thread} objects, a few hundred heap bytes, are lost in the heap's noise).
 */
public final class ParkedMemory implements Aspect {
    @Override public String name() { return "Memory per parked"; }
    @Override public String claimOs() { return "1 MB+ stack (seed: creation cost)"; }
    @Override public String claimGoroutine() { return "2 KB stack (seed: creation cost)"; }

    @Override
    public Row measure(Settings s) {
        int osN = s.n(2_000, 50);
        int vtN = s.n(100_000, 2_000);
        return Row.measured(this, osCell(osN, s), heapCell(Flavor.JDK_VIRTUAL, vtN, s), heapCell(Flavor.GO4J, vtN, s),
                String.format("%,d parked virtual threads/goroutines: heap in use after GC, delta / N; "
                        + "%,d parked OS threads: resident set size (VmRSS) delta / N, native stack + VM "
                        + "structures", vtN, osN));
    }

    private static Measurement heapCell(Flavor f, int n, Settings s) {
        double heap = Rounds.median(s.heavyWarmups(), s.heavyRounds(),
                () -> perThread(f, n, 1).heap());
        return Measurement.of("heap " + Measurement.bytes(heap), "heapBytesPerThread", heap);
    }

    private static Measurement osCell(int n, Settings s) {
        if (!Memory.rssAvailable()) return Measurement.text("n/a (no /proc)");
        // At least one warm-up: the first threads also grow malloc arenas and VM tables once.
        double rss = Rounds.median(Math.max(1, s.heavyWarmups()), s.heavyRounds(),
                () -> perThread(Flavor.OS_THREAD, n, 1).rss());
        return Measurement.of("RSS " + Measurement.bytes(rss) + " (native: stack pages + VM)",
                "rssBytesPerThread", rss);
    }

    /** Per-thread growth of the two gauges. */
    record Delta(double heap, double rss) {}

    /** Parks {@code n} threads of {@code f} at {@code depth} frames and returns the growth per thread. */
    static Delta perThread(Flavor f, int n, int depth) {
        try (ParkedGroup g = new ParkedGroup(f, n, depth)) {
            long heap0 = Memory.heapUsedAfterGc();
            long rss0 = Memory.rss();
            g.parkAll();
            // Resident set before the next GC: a full GC may commit or uncommit heap, which is not
            // the threads' memory.
            long rss1 = Memory.rss();
            long heap1 = Memory.heapUsedAfterGc();
            return new Delta((double) (heap1 - heap0) / n, (double) (rss1 - rss0) / n);
        }
    }
}
