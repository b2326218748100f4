package go4j.cli.table;

import go4j.Go;

/**
 * What the table was measured on, printed as its header.
 *
 * @param jdk             the JDK's version and vendor
 * @param cores           {@code Runtime.availableProcessors()}
 * @param gomaxprocs      go4j's GOMAXPROCS
 * @param jdkParallelism  the JDK default scheduler's parallelism (its carrier count)
 * @param schedulerActive whether goroutines run on go4j's own scheduler rather than the JDK's
 */
public record Environment(String jdk, int cores, int gomaxprocs, int jdkParallelism, boolean schedulerActive) {

    /** Reads the environment of this JVM; starts one virtual thread and one goroutine. */
    public static Environment detect() {
        String vendor = System.getProperty("java.vendor.version", System.getProperty("java.vendor", ""));
        return new Environment(Runtime.version() + (vendor.isEmpty() ? "" : " (" + vendor + ")"),
                Runtime.getRuntime().availableProcessors(), Go.gomaxprocs(), defaultSchedulerParallelism(),
                go4jSchedulerActive());
    }

    /**
     * The JDK default scheduler's parallelism: {@code jdk.virtualThreadScheduler.parallelism} if
     * set, else the core count (the JDK's own default).
     */
    static int defaultSchedulerParallelism() {
        String p = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        if (p != null) {
            try { return Integer.parseInt(p.trim()); } catch (NumberFormatException ignored) { /* JDK ignores it too */ }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Whether {@code Go.go} runs goroutines on a scheduler of its own: a goroutine is a virtual
     * thread whose carrier belongs to another pool than the carriers of JDK default virtual
     * threads. Observed, not asked, because the runtime does not expose the fact yet; replace by
     * the runtime's own answer once it has one.
     */
    static boolean go4jSchedulerActive() {
        String goroutine = Flavor.GO4J.call(() ->
                Thread.currentThread().isVirtual() ? CpuCrowd.carrierOf(Thread.currentThread()) : null);
        String virtual = Flavor.JDK_VIRTUAL.call(() -> CpuCrowd.carrierOf(Thread.currentThread()));
        return goroutine != null && !CpuCrowd.poolOf(goroutine).equals(CpuCrowd.poolOf(virtual));
    }
}
