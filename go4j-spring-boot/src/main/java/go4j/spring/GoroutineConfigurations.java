package go4j.spring;

import go4j.Go;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.catalina.startup.Tomcat;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerBuilder;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/**
 * The configurations {@link GoroutineAutoConfiguration} imports, in its order. They are not
 * nested in it: Spring processes a configuration's member classes before its imports, in an
 * order of its own, and the executor's "no {@code Executor} yet" condition must be evaluated
 * before the scheduler (an {@code Executor} too) is registered.
 */
final class GoroutineConfigurations {
    private GoroutineConfigurations() {}

    /**
     * The {@code applicationTaskExecutor}: one goroutine per task, as Spring Boot's virtual-thread
     * executor is one virtual thread per task. Not under {@code spring.task.execution.mode=force},
     * where Spring Boot defines a bean of that name whatever else exists.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(Executor.class)
    @ConditionalOnProperty(name = "spring.task.execution.mode", havingValue = "auto", matchIfMissing = true)
    static class TaskExecutorConfiguration {

        @Bean(name = TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME)
        SimpleAsyncTaskExecutor applicationTaskExecutor(SimpleAsyncTaskExecutorBuilder builder) {
            return builder.virtualThreads(false) // a JDK virtual thread would take precedence over the factory
                    .additionalCustomizers(executor -> executor.setThreadFactory(Go.threadFactory()))
                    .build();
        }

        /**
         * Routes {@code @Async} to the {@code applicationTaskExecutor}, as Spring Boot's own
         * configurer does (Spring's default would look for a unique {@code TaskExecutor}, and the
         * scheduler is one too). A user's own {@link AsyncConfigurer} chooses for itself.
         */
        @Bean
        @ConditionalOnMissingBean(AsyncConfigurer.class)
        AsyncConfigurer goroutineAsyncConfigurer(BeanFactory beanFactory) {
            return new AsyncConfigurer() {
                @Override
                public Executor getAsyncExecutor() {
                    return beanFactory.getBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME,
                            Executor.class);
                }
            };
        }
    }

    /**
     * The {@code taskScheduler} behind {@code @Scheduled}, when scheduling is enabled: its trigger
     * thread and its fixed-delay thread are goroutines, and each fixed-rate or cron run starts a
     * goroutine of its own.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(name = TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME)
    @ConditionalOnMissingBean({TaskScheduler.class, ScheduledExecutorService.class})
    static class TaskSchedulerConfiguration {

        @Bean(name = "taskScheduler")
        SimpleAsyncTaskScheduler taskScheduler(SimpleAsyncTaskSchedulerBuilder builder) {
            return builder.virtualThreads(false)
                    .additionalCustomizers(scheduler -> scheduler.setThreadFactory(Go.threadFactory()))
                    .build();
        }
    }

    /** The embedded Tomcat, when it is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Tomcat.class, ConfigurableTomcatWebServerFactory.class})
    static class TomcatConfiguration {

        @Bean
        GoroutineTomcatCustomizer goroutineTomcatCustomizer() {
            return new GoroutineTomcatCustomizer();
        }
    }
}
