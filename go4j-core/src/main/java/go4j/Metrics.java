package go4j;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of the runtime's gauges and counters ({@link Go#metrics()}): what Go spreads over
 * {@code runtime.NumGoroutine}, {@code runtime/metrics} and {@code GODEBUG=schedtrace}. Read
 * racily, goroutine by goroutine and P by P, as Go's schedtrace is: the parts may disagree by a
 * few. Counters count since the runtime started.
 *
 * @param goroutines        goroutines that exist ({@link Go#numGoroutine()}; leaked ones included, as in Go)
 * @param goroutinesByState goroutines by state: {@code running}, {@code syscall} (blocked in a call, P handed off),
 *                          {@code runnable}, {@code waiting}, {@code leaked} (collected, not yet reported)
 * @param waitReasons       the waiting goroutines by Go's wait reason ({@code chan receive}, {@code sync.Mutex.Lock},
 *                          {@code sleep}, ...)
 * @param gomaxprocs        the number of Ps
 * @param threads           carrier threads (Ms) created; Ms never exit
 * @param idleThreads       Ms parked for lack of work
 * @param idleProcs         Ps with no M
 * @param spinningThreads   Ms looking for work to steal
 * @param globalRunqueue    goroutines in the global run queue
 * @param runqueues         goroutines queued on each P (runnext included), by P id
 * @param steals            goroutines taken from other Ps' queues, all Ps together
 * @param preemptions       goroutines that yielded at a checkpoint because sysmon asked
 * @param handoffs          Ps that sysmon took from carriers blocked in undeclared calls
 * @param syscalls          Ps handed off by {@link Go#syscall(Runnable)}
 * @param hogs              goroutines reported for holding their P 100 ms or more
 * @param leaks             goroutines found leaked (by the collections that ran so far)
 */
public record Metrics(long goroutines, Map<String, Long> goroutinesByState, Map<String, Long> waitReasons,
                      int gomaxprocs, int threads, int idleThreads, int idleProcs, int spinningThreads,
                      int globalRunqueue, List<Integer> runqueues, long steals, long preemptions, long handoffs,
                      long syscalls, long hogs, long leaks) {

    /** Copies the collections, so a snapshot never changes. */
    public Metrics {
        goroutinesByState = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(goroutinesByState));
        waitReasons = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(waitReasons));
        runqueues = List.copyOf(runqueues);
    }

    /** The state counts on one line: {@code running=2 syscall=0 runnable=0 waiting=10 leaked=0}. */
    public String statesLine() {
        StringBuilder sb = new StringBuilder();
        goroutinesByState.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
