/**
 * JMH benchmarks: go4j goroutines against JDK virtual threads on the default scheduler and
 * platform threads, each the twin of a Go benchmark in {@code go4j-bench/go/runtime_test.go}.
 *
 * <p>Every benchmark class has one method per kind of thread: {@code go4j} ({@code go4j.Go.go}),
 * {@code jdkVirtual} ({@code Thread.ofVirtual()}), {@code platform} ({@code Thread.ofPlatform()})
 * where meaningful, plus baselines. {@code bench/compare} runs them with the Go twins and
 * matches {@code <Class>.go4j} and {@code <Class>.jdkVirtual} with {@code Benchmark<Class minus
 * "Bench">}. A benchmark body runs inside a thread of its own kind (as Go's benchmark loop runs in
 * a goroutine), so a go4j benchmark never measures a platform thread talking to a goroutine.
 *
 * <p>The channel set ({@code Chan*Bench}, {@code Select*Bench}, {@code PingPongHogBench}) ports
 * the workloads of Go's own runtime benchmarks (src/runtime/chan_test.go, and proc_test.go for
 * PingPongHog); their Go twins are in {@code go4j-bench/go/chan_test.go} under the same names.
 * Where Go uses {@code b.RunParallel}, {@link go4j.bench.Parallel} starts GOMAXPROCS workers of the
 * measured kind inside the benchmark and {@code @OperationsPerInvocation} divides by Go's unit, so
 * the score is ns per Go "op". In these classes {@code jdkVirtual} is the JDK baseline: the same
 * workload on default virtual threads with {@code SynchronousQueue} (unbuffered) or
 * {@code ArrayBlockingQueue} (buffered) through {@link go4j.bench.Pipe}; select benchmarks have
 * none. {@link go4j.bench.ParkedRecvMemory} is a program, not a benchmark: heap per goroutine
 * parked in a receive.
 */
package go4j.bench;
