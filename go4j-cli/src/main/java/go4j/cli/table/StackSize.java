package go4j.cli.table;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/**
 * Stack size: reserved versus committed. An OS thread reserves a fixed stack
 * ({@code -Xss}, the VM option ThreadStackSize) and commits the pages it touches: shown as the
 * resident set size per parked thread at a shallow and a deep recursion. A virtual thread
 * reserves nothing; when it parks its frames are copied into a heap stack chunk that is as big
 * as the stack: shown as the heap per parked thread at the same two depths.
 */
public final class StackSize implements Aspect {
    @Override public String name() { return "Stack size"; }
    @Override public String claimOs() { return "Fixed (usually 1-8 MB)"; }
    @Override public String claimGoroutine() { return "Grows/shrinks dynamically"; }

    static final int SHALLOW = 10, DEEP = 1_000;

    @Override
    public Row measure(Settings s) {
        int osN = s.n(500, 50);
        int vtN = s.n(2_000, 200);
        return Row.measured(this, osCell(osN, s), heapCell(Flavor.JDK_VIRTUAL, vtN, s), heapCell(Flavor.GO4J, vtN, s),
                String.format("parked at %d vs %,d frames of recursion; OS: reserved = ThreadStackSize, "
                        + "committed = VmRSS delta / N (%,d threads); others: heap delta / N (%,d)",
                        SHALLOW, DEEP, osN, vtN));
    }

    private static Measurement heapCell(Flavor f, int n, Settings s) {
        double shallow = median(s, () -> ParkedMemory.perThread(f, n, SHALLOW).heap());
        double deep = median(s, () -> ParkedMemory.perThread(f, n, DEEP).heap());
        return Measurement.builder().value("heapBytesShallow", shallow).value("heapBytesDeep", deep)
                .text(String.format("no reserve; heap: %d fr %s, %,d fr %s",
                        SHALLOW, Measurement.bytes(shallow), DEEP, Measurement.bytes(deep)));
    }

    private static Measurement osCell(int n, Settings s) {
        double reserved = reservedBytes();
        Measurement.Builder b = Measurement.builder();
        String reserve = "reserved ?";
        if (reserved > 0) {
            b.value("reservedBytes", reserved);
            reserve = "reserved " + Measurement.bytes(reserved);
        }
        if (!Memory.rssAvailable()) return b.text(reserve + "; committed n/a (no /proc)");
        // At least one warm-up: the first threads also grow malloc arenas and VM tables once.
        double shallow = Rounds.median(Math.max(1, s.heavyWarmups()), s.heavyRounds(),
                () -> ParkedMemory.perThread(Flavor.OS_THREAD, n, SHALLOW).rss());
        double deep = median(s, () -> ParkedMemory.perThread(Flavor.OS_THREAD, n, DEEP).rss());
        return b.value("rssBytesShallow", shallow).value("rssBytesDeep", deep)
                .text(String.format("%s; RSS: %d fr %s, %,d fr %s", reserve,
                        SHALLOW, Measurement.bytes(shallow), DEEP, Measurement.bytes(deep)));
    }

    private static double median(Settings s, java.util.function.DoubleSupplier round) {
        return Rounds.median(s.heavyWarmups(), s.heavyRounds(), round);
    }

    /** ThreadStackSize (set by {@code -Xss}) in bytes; 0 when the VM uses the platform default or does not say. */
    static double reservedBytes() {
        try {
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hs == null) return 0;
            return Long.parseLong(hs.getVMOption("ThreadStackSize").getValue()) * 1024.0;
        } catch (RuntimeException e) {
            return 0; // not HotSpot, or the option is gone: the cell says "reserved ?"
        }
    }
}
