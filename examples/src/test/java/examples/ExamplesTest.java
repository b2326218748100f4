package examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each example computes what it claims, and its main runs and prints it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExamplesTest {

    /** Runs {@code main} with stdout captured. */
    private static String output(Runnable main) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void pipelineSquaresEveryNumberAcrossTheFanOut() {
        int[] nums = IntStream.rangeClosed(1, 1000).toArray();
        long expected = IntStream.rangeClosed(1, 1000).mapToLong(i -> (long) i * i).sum();
        assertThat(Pipeline.sumOfSquares(1, nums)).isEqualTo(expected);
        assertThat(Pipeline.sumOfSquares(8, nums)).isEqualTo(expected);
    }

    @Test
    void pipelineCancellationEndsEveryStage() {
        // firstThenCancel returns only after every stage goroutine returned: a stage stuck on a
        // send would make it hang, and the test time out.
        List<Integer> first = Pipeline.firstThenCancel(4, 3, IntStream.rangeClosed(1, 10_000).toArray());
        assertThat(first).hasSize(3).allMatch(v -> {
            int r = (int) Math.round(Math.sqrt(v));
            return r * r == v && r >= 1 && r <= 10_000;
        });
        assertThat(output(() -> Pipeline.main(new String[0])))
                .contains("sum of squares of 1..1000 on 4 workers: 333833500")
                .contains("(every stage returned)");
    }

    @Test
    void workerPoolNeverExceedsItsLimitAndKeepsTheFirstError() {
        List<Integer> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) jobs.add(20_000 + i);
        WorkerPool.Result ok = WorkerPool.run(jobs, 3);
        assertThat(ok.error()).isNull();
        assertThat(ok.maxActive()).isBetween(1, 3);
        for (int i = 0; i < jobs.size(); i++) assertThat(ok.checksums()[i]).isEqualTo(WorkerPool.checksum(jobs.get(i)));

        jobs.set(5, -1);
        WorkerPool.Result bad = WorkerPool.run(jobs, 3);
        assertThat(bad.error()).isInstanceOf(IllegalArgumentException.class).hasMessage("job with negative size -1");
        assertThat(output(() -> WorkerPool.main(new String[0]))).contains("error = job with negative size -1");
    }

    @Test
    void crawlerFetchesEachPageOnceAndTimesOutTheSlowOne() {
        Map<String, String> got = Crawler.crawl("https://golang.org/", 4, Duration.ofMillis(300));
        assertThat(got).containsExactly(
                Map.entry("https://golang.org/", "The Go Programming Language"),
                Map.entry("https://golang.org/cmd/", "error: not found"),
                Map.entry("https://golang.org/pkg/", "Packages"),
                Map.entry("https://golang.org/pkg/fmt/", "Package fmt"),
                Map.entry("https://golang.org/pkg/os/", "error: context deadline exceeded"));
            // with a timeout longer than the slow page, the crawl goes one level further
        Map<String, String> patient = Crawler.crawl("https://golang.org/", 4, Duration.ofSeconds(20));
        assertThat(patient).containsEntry("https://golang.org/pkg/os/", "Package os")
                .containsEntry("https://golang.org/pkg/os/exec/", "Package exec");
    }

    @Test
    void cancellingTheCrawlsContextStopsItsRequests() {
        try (var ctx = go4j.context.Context.withCancel(go4j.context.Context.background())) {
            ctx.cancel();
            assertThat(Crawler.crawl(ctx, "https://golang.org/", 4, Duration.ofSeconds(20)))
                    .containsExactly(Map.entry("https://golang.org/", "error: context canceled"));
        }
    }

    @Test
    void pubSubDeliversInOrderAndStopsDeliveringAfterUnsubscribe() {
        List<List<String>> got = PubSub.run(6);
        List<String> all = List.of("msg 0", "msg 1", "msg 2", "msg 3", "msg 4", "msg 5");
        assertThat(got.get(0)).isEqualTo(all);
        assertThat(got.get(1)).isEqualTo(all);
        assertThat(got.get(2)).isEqualTo(all.subList(0, 3));
        assertThat(output(() -> PubSub.main(new String[0]))).contains("subscriber 2 got [msg 0, msg 1, msg 2]");
    }

    @Test
    void pubSubDropsForAFullSubscriberInsteadOfBlocking() {
        PubSub.Broker<Integer> broker = new PubSub.Broker<Integer>().start();
        go4j.Chan<Integer> slow = broker.subscribe(2); // never read until the end
        for (int i = 0; i < 10; i++) broker.publish(i);
        assertThat(broker.stop()).isEqualTo(8);
        List<Integer> kept = new ArrayList<>();
        for (int v : slow) kept.add(v);
        assertThat(kept).containsExactly(0, 1);
    }

    @Test
    void primeSieveFindsThePrimes() {
        assertThat(PrimeSieve.primes(10)).containsExactly(2, 3, 5, 7, 11, 13, 17, 19, 23, 29);
        List<Integer> hundred = PrimeSieve.primes(100);
        assertThat(hundred).hasSize(100).endsWith(541);
        assertThat(output(() -> PrimeSieve.main(new String[] {"5"}))).isEqualTo("2\n3\n5\n7\n11\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void retryTimelineSeesEveryAttemptAtItsExactTime() {
        List<String> want = new ArrayList<>();
        for (int n = 1, s = 0; s < 3600; n++, s = 2 * s + 1) {
            want.add(String.format("attempt %d at +%02d:%02d:%02d", n, s / 3600, s / 60 % 60, s % 60));
        }
        want.add("gave up at +01:00:00: context deadline exceeded");
        assertThat(RetryTimeline.timeline()).isEqualTo(want);
        assertThat(output(() -> RetryTimeline.main(new String[0]))).contains("attempt 12 at +00:34:07").contains("gave up at +01:00:00");
    }
}
