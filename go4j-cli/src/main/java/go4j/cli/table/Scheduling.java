package go4j.cli.table;

import go4j.Go;

/**
 * Scheduling: who decides what runs. Derived text, plus the carriers in use: for the two
 * virtual-thread columns, the distinct carrier threads seen by 4 x cores CPU-bound threads.
 */
public final class Scheduling implements Aspect {
    @Override public String name() { return "Scheduling"; }
    @Override public String claimOs() { return "OS kernel"; }
    @Override public String claimGoroutine() { return "Go runtime (cooperative + preemptive since 1.14)"; }

    @Override
    public Row measure(Settings s) {
        int cores = Runtime.getRuntime().availableProcessors();
        int k = 4 * cores;
        int bursts = s.n(200, 20);
        int jdkCarriers = CpuCrowd.run(Flavor.JDK_VIRTUAL, k, bursts, CpuCrowd.BURST_ITERATIONS).carriers().size();
        int goCarriers = CpuCrowd.run(Flavor.GO4J, k, bursts, CpuCrowd.BURST_ITERATIONS).carriers().size();
        int parallelism = Environment.defaultSchedulerParallelism();
        int gomaxprocs = Go.gomaxprocs();
        Measurement os = Measurement.of("kernel; " + cores + " cores", "cores", cores);
        Measurement jdk = Measurement.builder().value("carriersSeen", jdkCarriers).value("parallelism", parallelism)
                .text("JDK ForkJoinPool (FIFO, work-stealing; cooperative, no preemption); carriers seen "
                        + jdkCarriers + ", parallelism " + parallelism);
        String policy = Environment.go4jSchedulerActive()
                ? "go4j G-M-P (runnext, stealing; preemption: see Blocking CPU)"
                : "JDK ForkJoinPool: go4j scheduler not active (placeholder Go.go)";
        Measurement go = Measurement.builder().value("carriersSeen", goCarriers).value("gomaxprocs", gomaxprocs)
                .text(policy + "; carriers seen " + goCarriers + ", GOMAXPROCS " + gomaxprocs);
        return Row.measured(this, os, jdk, go,
                String.format("carriers seen: distinct carrier threads under %d CPU-bound threads", k));
    }
}
