package go4j.cli.table;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two memory gauges rows use: Java heap in use after full collections (where virtual threads
 * keep their stacks), and the process's resident set size (where OS threads keep theirs).
 */
final class Memory {
    private Memory() {}

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final Path STATUS = Path.of("/proc/self/status");

    /**
     * Heap bytes in use after a {@code System.gc()}: with the default collector (G1) a full,
     * compacting collection, so what is left is what is reachable.
     */
    static long heapUsedAfterGc() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Whether {@link #rss()} can read the resident set size (Linux's /proc). */
    static boolean rssAvailable() { return rss() >= 0; }

    /** The process's OS thread count (Threads of /proc/self/status), or -1 where there is no /proc. */
    static int osThreads() {
        return (int) statusField("Threads:", 1);
    }

    /** The process's resident set size in bytes (VmRSS of /proc/self/status), or -1 where there is no /proc. */
    static long rss() {
        return statusField("VmRSS:", 1024);
    }

    /** The number after {@code name} in /proc/self/status, times {@code unit}; -1 when absent. */
    private static long statusField(String name, long unit) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    String n = line.substring(name.length()).trim().split("\\s+")[0];
                    return Long.parseLong(n) * unit;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux) or an unexpected format: the caller says "not available"
        }
        return -1;
    }
}
