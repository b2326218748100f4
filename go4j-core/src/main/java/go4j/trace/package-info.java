/**
 * Execution tracing, as Go's {@code runtime/trace}: {@link go4j.trace.Trace#start} and
 * {@link go4j.trace.Trace#stop} record what the scheduler did (which goroutine ran on which P and
 * when, why each blocked, who woke it, steals, handoffs, preemptions, syscalls, GC pauses) into a
 * JDK Flight Recorder file, and regions, tasks and logs annotate it. {@code ./go4j trace view
 * FILE.jfr} turns the file into a timeline ({@code trace.html}) and Chrome trace-event JSON.
 */
package go4j.trace;
