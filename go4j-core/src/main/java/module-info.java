/**
 * go4j: Go's concurrency model on the JVM. The API is {@code go4j} (goroutines, channels,
 * select), {@code go4j.sync}, {@code go4j.context}, {@code go4j.time}, {@code go4j.trace} and
 * {@code go4j.synctest}. {@code go4j.runtime} is the implementation: exported only to go4j's own
 * modules that use it (by their automatic names: those jars have no descriptor of their own). The
 * preemption agent's inserted calls go through {@code go4j.Go} ({@code checkpoint},
 * {@code primitiveMade}), which is exported to every module.
 *
 * <p>On the module path the scheduler hook needs {@code --add-opens java.base/java.lang=go4j}
 * (on the class path, {@code =ALL-UNNAMED}). JFR is optional ({@code requires static}): without
 * the {@code jdk.jfr} module in the boot layer the events are off, and
 * {@code -XX:StartFlightRecording} or {@code --add-modules jdk.jfr} adds it.
 */
module go4j {
    requires static jdk.jfr;
    requires java.management; // sysmon's CPU-time and collector beans, the go4j:type=Runtime bean

    exports go4j;
    exports go4j.context;
    exports go4j.sync;
    exports go4j.synctest;
    exports go4j.time;
    exports go4j.trace;

    // The implementation, for go4j's own modules that reach into it: go4j-junit's leak check
    // (Census, Sched, PrimitiveSites) and go4j-bench. The agent only names go4j.Go.
    exports go4j.runtime to go4j.junit, go4j.bench;
}
