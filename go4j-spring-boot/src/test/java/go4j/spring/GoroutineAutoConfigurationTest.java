package go4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.Go;
import go4j.spring.app.Where;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The auto-configuration's conditions, in contexts without a web server: which beans it defines,
 * and when it backs off (switch off, a user's own executor, Spring Boot's force mode).
 */
class GoroutineAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            GoroutineAutoConfiguration.class, TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class));

    @Test
    void switchedOnTheExecutorAndTheSchedulerMakeGoroutines() {
        runner.withPropertyValues("go4j.enabled=true").withUserConfiguration(Scheduling.class).run(context -> {
            SimpleAsyncTaskExecutor executor = context.getBean("applicationTaskExecutor", SimpleAsyncTaskExecutor.class);
            assertThat(executor.getThreadFactory()).isSameAs(Go.threadFactory());
            assertThat(context.getBean("taskScheduler", SimpleAsyncTaskScheduler.class).getThreadFactory())
                    .isSameAs(Go.threadFactory());
            assertThat(context.getBean(AsyncConfigurer.class).getAsyncExecutor()).isSameAs(executor);
        });
    }

    @Test
    void theSpringTaskPropertiesStillApply() {
        runner.withPropertyValues("go4j.enabled=true", "spring.task.execution.simple.concurrency-limit=7").run(context ->
                assertThat(context.getBean("applicationTaskExecutor", SimpleAsyncTaskExecutor.class).getConcurrencyLimit())
                        .isEqualTo(7));
    }

    @Test
    void goroutinesRatherThanVirtualThreadsWhenBothSwitchesAreOn() {
        runner.withPropertyValues("go4j.enabled=true", "spring.threads.virtual.enabled=true")
                .withUserConfiguration(Scheduling.class).run(context -> {
                    SimpleAsyncTaskExecutor executor = context.getBean("applicationTaskExecutor", SimpleAsyncTaskExecutor.class);
                    assertThat(executor.submit(Where::here).get(30, TimeUnit.SECONDS).goid()).isPositive();
                    SimpleAsyncTaskScheduler scheduler = context.getBean("taskScheduler", SimpleAsyncTaskScheduler.class);
                    CompletableFuture<Where> scheduled = new CompletableFuture<>();
                    scheduler.schedule(() -> scheduled.complete(Where.here()), Instant.now());
                    assertThat(scheduled.get(30, TimeUnit.SECONDS).goid()).isPositive();
                });
    }

    @Test
    void switchedOffOrUnsetSpringBootsOwnBeansAreThere() {
        for (String setting : new String[] {"go4j.enabled=false", "unrelated=1"}) {
            runner.withPropertyValues(setting).run(context -> {
                assertThat(context.getBean("applicationTaskExecutor")).isInstanceOf(ThreadPoolTaskExecutor.class);
                assertThat(context).doesNotHaveBean(GoroutineTomcatCustomizer.class);
            });
        }
    }

    @Test
    void aUsersOwnExecutorWins() {
        runner.withPropertyValues("go4j.enabled=true").withUserConfiguration(OwnExecutor.class).run(context -> {
            assertThat(context).doesNotHaveBean("applicationTaskExecutor");
            assertThat(context).getBean(Executor.class).isSameAs(OwnExecutor.EXECUTOR);
        });
    }

    @Test
    void forceModeLeavesTheApplicationTaskExecutorToSpringBoot() {
        runner.withPropertyValues("go4j.enabled=true", "spring.task.execution.mode=force").run(context ->
                assertThat(context.getBean("applicationTaskExecutor")).isInstanceOf(ThreadPoolTaskExecutor.class));
    }

    @Test
    void withoutTomcatActuatorAndMicrometerTheExecutorsAreStillGoroutines() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GoroutineAutoConfiguration.class,
                        GoroutinesEndpointAutoConfiguration.class, GoroutineMetricsAutoConfiguration.class,
                        TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(Tomcat.class, Endpoint.class, MeterBinder.class))
                .withPropertyValues("go4j.enabled=true").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("applicationTaskExecutor", SimpleAsyncTaskExecutor.class).getThreadFactory())
                            .isSameAs(Go.threadFactory());
                    assertThat(context).doesNotHaveBean(GoroutineTomcatCustomizer.class)
                            .doesNotHaveBean(GoroutinesEndpoint.class).doesNotHaveBean(GoroutineMeterBinder.class);
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {}

    @Configuration(proxyBeanMethods = false)
    static class OwnExecutor {
        static final Executor EXECUTOR = Executors.newSingleThreadExecutor();

        @Bean
        Executor myExecutor() {
            return EXECUTOR;
        }
    }
}
