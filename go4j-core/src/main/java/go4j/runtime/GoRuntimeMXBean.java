package go4j.runtime;

import java.util.Map;

/**
 * The go4j runtime as a JMX MXBean, registered as {@code go4j:type=Runtime} in the platform MBean
 * server: JConsole, VisualVM and JDK Mission Control show it without go4j's classes (attributes
 * are plain types, maps become tables). Attributes are read at the moment they are asked for.
 */
public interface GoRuntimeMXBean {
    /** The number of Ps (GOMAXPROCS). */
    int getGomaxprocs();

    /** Sets GOMAXPROCS (values below 1 are ignored), as {@code Go.gomaxprocs(n)}. */
    void setGomaxprocs(int n);

    /** Goroutines that exist. */
    long getNumGoroutine();

    /** Carrier threads (Ms) created. */
    int getThreads();

    /** Ps without an M. */
    int getIdleProcs();

    /** Ms looking for work to steal. */
    int getSpinningThreads();

    /** Goroutines in the global run queue. */
    int getGlobalRunqueue();

    /** Goroutines queued on each P, runnext included. */
    int[] getLocalRunqueues();

    /** Goroutines stolen between Ps, all Ps together. */
    long getSteals();

    /** Goroutines that yielded at a checkpoint because sysmon asked. */
    long getPreemptions();

    /** Ps taken by sysmon from carriers blocked in undeclared calls. */
    long getHandoffs();

    /** Ps handed off by {@code Go.syscall}. */
    long getSyscalls();

    /** Goroutines reported for holding their P too long. */
    long getHogs();

    /** Goroutines found leaked so far (without forcing a collection; {@link #leaks()} forces one). */
    long getLeaks();

    /** Goroutines by state: running, syscall, runnable, waiting, leaked. */
    Map<String, Long> getGoroutinesByState();

    /** The state counts on one line: {@code running=2 syscall=0 runnable=0 waiting=10 leaked=0}. */
    String getGoroutineStates();

    /** Waiting goroutines by Go's wait reason. */
    Map<String, Long> getWaitReasons();

    /** Every goroutine's traceback, in Go's form ({@code Go.stack(true)}). */
    String dump();

    /** Go's goroutine profile as text ({@code debug=1}): each distinct stack once, with how many goroutines share it. */
    String dumpGrouped();

    /** Go's goroutine profile in pprof's format (gzipped protobuf), as {@code Go.profile} writes it. */
    byte[] profile();

    /** One schedtrace line ({@code GO4J_DEBUG=schedtrace}'s). */
    String schedtrace();

    /** Runs a full collection and returns every leak found so far, one line each. */
    String[] leaks();

    /** The hog reports, most recent last. */
    String[] hogs();
}
