package go4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.spring.app.SampleApplication;
import go4j.spring.app.ScheduledProbe;
import go4j.spring.app.Where;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The same application with the module on the class path and {@code go4j.enabled=false}:
 * nothing changes. Requests run on Tomcat's pool, {@code @Async} and {@code @Scheduled} on Spring
 * Boot's platform-thread executor and scheduler, and there is no goroutines endpoint.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"go4j.enabled=false", "management.endpoints.web.exposure.include=health,goroutines"})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpringBootWithoutGo4jTest {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ScheduledProbe scheduled;

    private static void assertOnPlatformThread(Where where) {
        assertThat(where.header()).isEqualTo("thread \"" + where.thread() + "\" [running]:");
        assertThat(where.goid()).isEqualTo(-1);
    }

    @Test
    void requestsRunOnTomcatsOwnThreads() {
        Where where = Where.parse(Http.body(port, "/where"));
        assertOnPlatformThread(where);
        assertThat(where.thread()).startsWith("http-nio-");
    }

    @Test
    void asyncAndScheduledRunOnSpringBootsPlatformThreads() throws Exception {
        assertOnPlatformThread(Where.parse(Http.body(port, "/async")));
        assertOnPlatformThread(scheduled.fixedRate.get(30, TimeUnit.SECONDS));
        assertThat(context.getBean("applicationTaskExecutor")).isInstanceOf(ThreadPoolTaskExecutor.class);
        assertThat(context.getBean("taskScheduler")).isInstanceOf(ThreadPoolTaskScheduler.class);
    }

    @Test
    void noneOfTheModulesBeansExists() {
        assertThat(context.getBeansOfType(GoroutineTomcatCustomizer.class)).isEmpty();
        assertThat(context.getBeansOfType(GoroutinesEndpoint.class)).isEmpty();
        assertThat(Http.get(port, "/actuator/goroutines", "application/json").statusCode()).isEqualTo(404);
    }
}
