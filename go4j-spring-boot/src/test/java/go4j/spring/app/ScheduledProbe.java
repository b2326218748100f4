package go4j.spring.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Two {@code @Scheduled} tasks that run once at start (their period is an hour) and record where.
 * Fixed-rate runs are handed to a new thread per run, fixed-delay ones run on the scheduler's
 * own thread: the two paths of Spring's {@code SimpleAsyncTaskScheduler}.
 */
@Component
public class ScheduledProbe {
    public final CompletableFuture<Where> fixedRate = new CompletableFuture<>();
    public final CompletableFuture<Where> fixedDelay = new CompletableFuture<>();

    @Scheduled(fixedRate = 1, timeUnit = TimeUnit.HOURS)
    void atFixedRate() {
        fixedRate.complete(Where.here());
    }

    @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.HOURS)
    void withFixedDelay() {
        fixedDelay.complete(Where.here());
    }
}
