package go4j.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code go4j.enabled=true}: Tomcat's requests, the {@code applicationTaskExecutor} (and so
 * {@code @Async} methods and Spring MVC's async requests) and the {@code taskScheduler} (and so
 * {@code @Scheduled} tasks) run on goroutines.
 *
 * <p>It runs before Spring Boot's task auto-configurations and defines the beans they would,
 * under the same names and conditions, so theirs back off: a user's own {@link java.util.concurrent.Executor}
 * or {@link org.springframework.scheduling.TaskScheduler} still wins over both. The executor and
 * the scheduler are built by Spring Boot's builders, so the {@code spring.task.execution.*} and
 * {@code spring.task.scheduling.*} properties, task decorators and customizers apply; only the
 * thread factory is go4j's (threads are named {@code goroutine N}, as in go4j's dumps, rather
 * than by the prefix). The configurations are imported in this order, executor first, because
 * the scheduler is an {@code Executor} too (see {@link GoroutineConfigurations}).
 */
@AutoConfiguration(before = {TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class})
@ConditionalOnBooleanProperty("go4j.enabled")
@Import({GoroutineConfigurations.TaskExecutorConfiguration.class,
        GoroutineConfigurations.TaskSchedulerConfiguration.class,
        GoroutineConfigurations.TomcatConfiguration.class})
public final class GoroutineAutoConfiguration {

    /** Says at start when leak detection cannot work (see {@link LeakDetectionFlagCheck}). */
    @Bean
    static LeakDetectionFlagCheck go4jLeakDetectionFlagCheck() {
        return new LeakDetectionFlagCheck();
    }
}
