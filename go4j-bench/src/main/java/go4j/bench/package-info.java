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
 */
package go4j.bench;
