package go4j.cli.table;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/**
 * Stack size: reserved versus committed. An OS thread reserves a fixed stack
 * ({@code -Xss}, the VM option ThreadStackSize) and commits the pages it touches: shown as the
 * resident set size per parked thread at a shallow and a deep recursion. A virtual thread
 * reserves nothing of its own: it runs on its carrier's stack, and when it parks its frames are
 * copied into a heap stack chunk as big as they are: shown as the heap per parked thread at the
 * same two depths. "Shrinks" is the third number: parked shallow again after a deep excursion
 * (gone 1,000 frames deeper and yielded there), what stays committed.
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
                String.format("parked at %d vs %,d frames of recursion, and at %1$d after going %2$,d deeper; "
                        + "OS: reserved = ThreadStackSize, "
                        + "committed = VmRSS delta / N (%,d threads, in a child JVM with a fixed heap); virtual threads run on their carrier's stack and "
                        + "park their frames in a heap chunk: heap delta / N (%,d)",
                        SHALLOW, DEEP, osN, vtN));
    }

    private static Measurement heapCell(Flavor f, int n, Settings s) {
        double shallow = ParkedMemory.heapPerThread(f, n, SHALLOW, s);
        double deep = ParkedMemory.heapPerThread(f, n, DEEP, s);
        double back = ParkedMemory.heapPerThread(f, n, SHALLOW, DEEP, s);
        return Measurement.builder().value("heapBytesShallow", shallow).value("heapBytesDeep", deep)
                .value("heapBytesShallowAfterDeep", back)
                .text(String.format("none reserved; parked in heap: %d fr %s, %,d fr %s, back to %d: %s",
                        SHALLOW, Measurement.bytes(shallow), DEEP, Measurement.bytes(deep), SHALLOW,
                        Measurement.bytes(back)));
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
        double shallow = ParkedMemory.rssPerThread(n, SHALLOW, s);
        double deep = ParkedMemory.rssPerThread(n, DEEP, s);
        double back = ParkedMemory.rssPerThread(n, SHALLOW, DEEP, s);
        return b.value("rssBytesShallow", shallow).value("rssBytesDeep", deep).value("rssBytesShallowAfterDeep", back)
                .text(String.format("%s; RSS: %d fr %s, %,d fr %s, back to %d: %s", reserve,
                        SHALLOW, Measurement.bytes(shallow), DEEP, Measurement.bytes(deep), SHALLOW,
                        Measurement.bytes(back)));
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
