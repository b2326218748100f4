/**
 * Spring Boot on goroutines: with {@code go4j.enabled=true}, the auto-configuration here runs the
 * embedded Tomcat's request handling, {@code @Async} methods, {@code @Scheduled} tasks and the
 * {@code applicationTaskExecutor} on goroutines, as {@code spring.threads.virtual.enabled=true}
 * runs them on the JDK's virtual threads, and exposes the actuator endpoint
 * {@code /actuator/goroutines} (Go's goroutine dump, the leaks, the runtime's metrics).
 *
 * <p>Which beans are replaced, and why those: Spring Boot's own virtual-thread switch replaces
 * the Tomcat protocol handler's executor, the {@code applicationTaskExecutor} (a
 * {@code SimpleAsyncTaskExecutor} instead of a thread pool) and the {@code taskScheduler} (a
 * {@code SimpleAsyncTaskScheduler}). go4j replaces the same ones, with a thread per task that is
 * a goroutine: {@link go4j.Go#executor()} for Tomcat, {@link go4j.Go#threadFactory()} for the
 * other two. Without {@code go4j.enabled=true} nothing here is configured.
 */
package go4j.spring;
