package go4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.Go;
import go4j.spring.app.SampleApplication;
import go4j.spring.app.ScheduledProbe;
import go4j.spring.app.Where;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.TomcatVirtualThreadsWebServerFactoryCustomizer;
import org.springframework.core.task.AsyncTaskExecutor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Spring Boot application with {@code go4j.enabled=true}, on a random port, asked over
 * HTTP: requests, {@code @Async} methods, {@code @Scheduled} tasks and the
 * {@code applicationTaskExecutor} run on goroutines, and {@code /actuator/goroutines} shows the
 * dump, a goroutine leaked by a request handler, and the metrics.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"go4j.enabled=true", "management.endpoints.web.exposure.include=health,goroutines,metrics"})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpringBootOnGoroutinesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ScheduledProbe scheduled;

    @Autowired
    @Qualifier("applicationTaskExecutor")
    AsyncTaskExecutor applicationTaskExecutor;

    /** A goroutine of an executor or thread factory: named as the runtime names them, and the runtime's traceback says so. */
    private static void assertOnGoroutine(Where where) {
        assertThat(where.thread()).matches("goroutine \\d+");
        assertThat(where.header()).isEqualTo(where.thread() + " [running]:");
    }

    @Test
    void aRequestIsServedOnAGoroutine() {
        assertOnGoroutine(Where.parse(Http.body(port, "/where")));
    }

    @Test
    void eachRequestGetsAGoroutineOfItsOwn() {
        long first = Where.parse(Http.bodyOnNewConnection(port, "/where")).goid();
        long second = Where.parse(Http.bodyOnNewConnection(port, "/where")).goid();
        assertThat(first).isPositive();
        assertThat(second).isPositive().isNotEqualTo(first); // ids are never reused: not a pool
    }

    @Test
    void anAsyncMethodRunsOnAnotherGoroutine() {
        Where async = Where.parse(Http.body(port, "/async"));
        assertOnGoroutine(async);
    }

    @Test
    void springMvcRunsAnAsyncRequestsCallableOnAGoroutine() {
        assertOnGoroutine(Where.parse(Http.body(port, "/callable")));
    }

    @Test
    void scheduledTasksRunOnGoroutines() throws Exception {
        assertOnGoroutine(scheduled.fixedRate.get(30, TimeUnit.SECONDS));
        assertOnGoroutine(scheduled.fixedDelay.get(30, TimeUnit.SECONDS));
    }

    @Test
    void theApplicationTaskExecutorRunsTasksOnGoroutines() throws Exception {
        assertOnGoroutine(applicationTaskExecutor.submit(Where::here).get(30, TimeUnit.SECONDS));
    }

    @Test
    void goroutinesWinOverSpringBootsVirtualThreadsWhenBothAreOn() {
        assertThat(new GoroutineTomcatCustomizer().getOrder())
                .isGreaterThan(new TomcatVirtualThreadsWebServerFactoryCustomizer().getOrder());
    }

    @Test
    void theEndpointShowsAGoroutineLeakedByARequestHandler() {
        Where leaked = Where.parse(Http.body(port, "/leak"));
        assertThat(leaked.thread()).as("a goroutine of Go.go").isEqualTo("goroutine");
        assertThat(leaked.goid()).isPositive();
        // Each read of the endpoint runs a collection; the goroutine may still be on its way to
        // park (it is runnable until it does), so read again, a bounded number of times.
        JsonNode leak = null;
        for (int i = 0; i < 100 && leak == null; i++) leak = leakOf(read(), leaked.goid());
        assertThat(leak).as("goroutine %d among the endpoint's leaks", leaked.goid()).isNotNull();
        assertThat(leak.get("waitReason").asString()).isEqualTo("chan receive");
        assertThat(leak.get("createdBy").asString())
                .startsWith("created by go4j.spring.app.SampleController.leak(SampleController.java:")
                .matches(".* in goroutine \\d+"); // by the request's own goroutine
        assertThat(leak.get("description").asString()).startsWith("goroutine " + leaked.goid() + " [chan receive, ");

        String text = Http.body(port, "/actuator/goroutines", "text/plain");
        assertThat(text).contains("leaked goroutines:\ngoroutine ")
                .contains("\ngoroutine " + leaked.goid() + " [chan receive, ");
    }

    @Test
    void theEndpointDumpsEveryGoroutineInGosForm() {
        String text = Http.body(port, "/actuator/goroutines", "text/plain");
        // The endpoint's own request is a goroutine, running the dump.
        assertThat(text).containsPattern("goroutine \\d+ \\[running\\]:\n(\tat [^\n]*\n)*"
                + "\tat go4j\\.spring\\.GoroutinesEndpoint\\.textGoroutines\\(");
        // The scheduler's trigger and fixed-delay threads are goroutines too, parked between runs,
        // created by the scheduler (not by go4j's thread factory).
        assertThat(text).containsPattern("\tat java\\.base/java\\.util\\.concurrent\\.ScheduledThreadPoolExecutor[^\n]*\n"
                + "(\tat [^\n]*\n)*created by org\\.springframework\\.");
        assertThat(read().get("dump").asString()).contains("go4j.spring.GoroutinesEndpoint.goroutines(");
    }

    @Test
    void theEndpointReportsTheMetrics() {
        JsonNode metrics = read().get("metrics");
        assertThat(metrics.get("gomaxprocs").asInt()).isEqualTo(Go.gomaxprocs());
        assertThat(metrics.get("goroutines").asLong()).isPositive();
        assertThat(metrics.get("goroutinesByState").get("running").asLong()).isPositive(); // the endpoint's own
        assertThat(metrics.get("runqueues")).hasSize(Go.gomaxprocs());
    }

    @Test
    void theRuntimeMetricsAreMicrometerMeters() {
        assertThat(meter("go4j.gomaxprocs").get("measurements").get(0).get("value").asInt()).isEqualTo(Go.gomaxprocs());
        assertThat(meter("go4j.goroutines").get("measurements").get(0).get("value").asDouble()).isPositive();
        assertThat(meter("go4j.goroutines.state").get("availableTags").get(0).get("values").valueStream()
                .map(JsonNode::asString)).containsExactlyInAnyOrder("running", "syscall", "runnable", "waiting", "leaked");
        JsonNode names = JSON.readTree(Http.body(port, "/actuator/metrics", "application/json")).get("names");
        assertThat(names.valueStream().map(JsonNode::asString)).contains("go4j.threads", "go4j.threads.idle",
                "go4j.runqueue.global", "go4j.steals", "go4j.preemptions", "go4j.handoffs", "go4j.syscalls",
                "go4j.hogs", "go4j.leaks");
    }

    private JsonNode meter(String name) {
        return JSON.readTree(Http.body(port, "/actuator/metrics/" + name, "application/json"));
    }

    private JsonNode read() {
        return JSON.readTree(Http.body(port, "/actuator/goroutines", "application/json"));
    }

    private static JsonNode leakOf(JsonNode goroutines, long goid) {
        for (JsonNode l : goroutines.get("leaks")) if (l.get("goid").asLong() == goid) return l;
        return null;
    }
}
