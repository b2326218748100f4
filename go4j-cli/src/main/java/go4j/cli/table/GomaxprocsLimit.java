package go4j.cli.table;

import go4j.Go;

/**
 * GOMAXPROCS limit: with GOMAXPROCS set to 1, 2 x cores CPU-bound goroutines, and the most that
 * ever ran at the same instant (1 when the limit holds). The JDK column shows its default
 * scheduler's parallelism doing the same job; the OS column the cores (the usual claim is N/A: the
 * kernel time-slices every thread, and a burst preempted by it would count as running).
 */
public final class GomaxprocsLimit implements Aspect {
    @Override public String name() { return "GOMAXPROCS limit"; }
    @Override public String claimOs() { return "N/A"; }
    @Override public String claimGoroutine() { return "Limits parallel execution, not total goroutines"; }

    @Override
    public Row measure(Settings s) {
        int cores = Runtime.getRuntime().availableProcessors();
        int k = 2 * cores;
        int bursts = s.n(500, 20);
        double jdk = median(s, () -> run(Flavor.JDK_VIRTUAL, k, bursts));
        int previous = Go.gomaxprocs(1);
        double go;
        int limit;
        try {
            limit = Go.gomaxprocs();
            go = median(s, () -> run(Flavor.GO4J, k, bursts));
        } finally {
            Go.gomaxprocs(previous);
        }
        return Row.measured(this,
                // Not measured: the kernel preempts a thread inside a burst, so the gauge would count
                // time-sliced threads as running; the limit on OS threads is the core count.
                Measurement.of(String.format("N/A; the kernel time-slices all %d over %d cores", k, cores),
                        "cores", cores),
                Measurement.builder().value("maxRunning", jdk).value("threads", k)
                        .text(String.format("parallelism %d: %.0f of %d running at once",
                                Environment.defaultSchedulerParallelism(), jdk, k)),
                Measurement.builder().value("maxRunning", go).value("threads", k).value("gomaxprocs", limit)
                        .text(String.format("GOMAXPROCS set to 1 (reads %d): %.0f of %d running at once", limit, go, k)),
                String.format("%d CPU-bound threads, %d bursts each; the most bursts ever on a CPU at once "
                        + "(median of rounds)", k, bursts));
    }

    private static int run(Flavor f, int k, int bursts) {
        return CpuCrowd.run(f, k, bursts, CpuCrowd.BURST_ITERATIONS).maxRunning();
    }

    private static double median(Settings s, java.util.function.IntSupplier round) {
        return Rounds.median(Math.min(1, s.warmups()), s.heavyRounds(), () -> round.getAsInt());
    }
}
