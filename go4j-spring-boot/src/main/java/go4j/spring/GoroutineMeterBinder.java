package go4j.spring;

import go4j.Go;
import go4j.Metrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * The go4j runtime's metrics ({@link Go#metrics()}) as Micrometer meters, so that they reach
 * whatever registry the application exports to ({@code /actuator/metrics}, Prometheus, ...):
 * <ul>
 * <li>gauges {@code go4j.goroutines}, {@code go4j.goroutines.state} (tag {@code state}: running,
 * syscall, runnable, waiting, leaked), {@code go4j.gomaxprocs}, {@code go4j.threads},
 * {@code go4j.threads.idle}, {@code go4j.runqueue.global};</li>
 * <li>counters {@code go4j.steals}, {@code go4j.preemptions}, {@code go4j.handoffs},
 * {@code go4j.syscalls}, {@code go4j.hogs}, {@code go4j.leaks}.</li>
 * </ul>
 * A snapshot walks every goroutine, so the meters read together (one scrape) share one snapshot:
 * it is taken again only when the last one is more than a second old. The goroutine count and
 * GOMAXPROCS are cheap and always read live.
 */
public final class GoroutineMeterBinder implements MeterBinder {
    private static final long SNAPSHOT_NANOS = 1_000_000_000L;

    /** The last snapshot and when it was taken; replaced whole, read racily (a stale one is fine). */
    private record Snapshot(Metrics metrics, long takenAt) {}

    private volatile Snapshot last;

    Metrics metrics() {
        Snapshot s = last;
        long now = System.nanoTime();
        if (s == null || now - s.takenAt > SNAPSHOT_NANOS) last = s = new Snapshot(Go.metrics(), now);
        return s.metrics;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("go4j.goroutines", Go::numGoroutine).description("Goroutines that exist").register(registry);
        for (String state : metrics().goroutinesByState().keySet()) {
            gauge("go4j.goroutines.state", "Goroutines in this state",
                    m -> m.goroutinesByState().getOrDefault(state, 0L)).tag("state", state).register(registry);
        }
        Gauge.builder("go4j.gomaxprocs", Go::gomaxprocs).description("Ps: goroutines that may run in parallel")
                .register(registry);
        gauge("go4j.threads", "Carrier threads (Ms) created", Metrics::threads).register(registry);
        gauge("go4j.threads.idle", "Carrier threads parked for lack of work", Metrics::idleThreads)
                .register(registry);
        gauge("go4j.runqueue.global", "Goroutines in the global run queue", Metrics::globalRunqueue)
                .register(registry);
        counter(registry, "go4j.steals", "Goroutines taken from other Ps' run queues", Metrics::steals);
        counter(registry, "go4j.preemptions", "Goroutines that yielded because sysmon asked", Metrics::preemptions);
        counter(registry, "go4j.handoffs", "Ps taken from carriers blocked in undeclared calls", Metrics::handoffs);
        counter(registry, "go4j.syscalls", "Ps handed off by Go.syscall", Metrics::syscalls);
        counter(registry, "go4j.hogs", "Goroutines reported for holding their P 100 ms or more", Metrics::hogs);
        counter(registry, "go4j.leaks", "Goroutines found leaked", Metrics::leaks);
    }

    private Gauge.Builder<GoroutineMeterBinder> gauge(String name, String description, ToDoubleFunction<Metrics> value) {
        return Gauge.builder(name, this, b -> value.applyAsDouble(b.metrics())).description(description);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<Metrics> value) {
        FunctionCounter.builder(name, this, b -> value.applyAsDouble(b.metrics())).description(description)
                .register(registry);
    }
}
