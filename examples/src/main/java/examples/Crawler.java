package examples;

import static go4j.Go.go;

import go4j.Chan;
import go4j.Select;
import go4j.sync.Mutex;
import go4j.sync.WaitGroup;
import go4j.time.Time;
import go4j.time.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A concurrent web crawler with a timeout on every request: the Go tour's crawler exercise,
 * solved. Each page is fetched in its own goroutine; a {@link Mutex}-guarded map keeps any URL
 * from being fetched twice; a {@link WaitGroup} says when the crawl is over; results flow back on
 * a channel that the caller ranges over.
 *
 * <pre>
 *   ./go4j run examples/src/main/java/examples/Crawler.java
 * </pre>
 *
 * The fetcher is fake (no network): pages answer after a random 1-30 ms, and one page is slow
 * (2 s), so it runs into the per-request timeout. The timeout is a {@code select} between the
 * fetch's result and a timer:
 *
 * <pre>{@code
 * select {
 * case p := <-result:          // the fetch finished in time
 * case <-time.After(timeout):  // give up on it
 * }
 * }</pre>
 * With {@code go4j.context}, {@code Context.withTimeout} replaces the timer and also lets the
 * fetch itself stop early; here an abandoned fetch runs to its end and drops its result into a
 * buffered channel nobody reads, so it does not leak.
 */
public final class Crawler {

    /** A fetched page, or why there is none. */
    public record Page(String url, String title, List<String> links, String error) {
        static Page failed(String url, String error) { return new Page(url, null, List.of(), error); }
    }

    /** The Go tour's fake web, with made-up latencies: {@code golang.org/pkg/os/} is slow. */
    static final Map<String, Page> WEB = Map.of(
            "https://golang.org/", new Page("https://golang.org/", "The Go Programming Language",
                    List.of("https://golang.org/pkg/", "https://golang.org/cmd/"), null),
            "https://golang.org/pkg/", new Page("https://golang.org/pkg/", "Packages",
                    List.of("https://golang.org/", "https://golang.org/cmd/", "https://golang.org/pkg/fmt/",
                            "https://golang.org/pkg/os/"), null),
            "https://golang.org/pkg/fmt/", new Page("https://golang.org/pkg/fmt/", "Package fmt",
                    List.of("https://golang.org/", "https://golang.org/pkg/"), null),
            "https://golang.org/pkg/os/", new Page("https://golang.org/pkg/os/", "Package os",
                    List.of("https://golang.org/", "https://golang.org/pkg/", "https://golang.org/pkg/os/exec/"), null),
            "https://golang.org/pkg/os/exec/", new Page("https://golang.org/pkg/os/exec/", "Package exec",
                    List.of("https://golang.org/pkg/os/"), null));

    static final String SLOW = "https://golang.org/pkg/os/";

    /** The fake fetch: waits like a network would, then answers from {@link #WEB}. */
    static Page fetch(String url) {
        long ms = url.equals(SLOW) ? 2000 : ThreadLocalRandom.current().nextLong(1, 31);
        Time.sleep(Duration.ofMillis(ms));
        Page p = WEB.get(url);
        return p != null ? p : Page.failed(url, "not found");
    }

    /** Fetches {@code url}, giving up after {@code timeout}. */
    static Page fetchWithTimeout(String url, Duration timeout) {
        Chan<Page> result = Chan.make(1); // room for one: a fetch that lost the race can still finish
        go(() -> result.send(fetch(url)));
        Timer timer = Time.newTimer(timeout);
        try {
            Page[] got = {null};
            int chosen = Select.select(
                    Select.recv(result, p -> got[0] = p),
                    Select.recv(timer.c(), null));
            return chosen == 0 ? got[0] : Page.failed(url, "timed out after " + timeout.toMillis() + " ms");
        } finally {
            timer.stop(); // Go: defer timer.Stop()
        }
    }

    /** The crawl's shared state: which URLs were claimed, and where outcomes go. */
    private static final class Crawl {
        private final Mutex mu = new Mutex();
        /** Guarded by mu. */
        private final java.util.Set<String> seen = new java.util.HashSet<>();
        final WaitGroup wg = new WaitGroup();
        final Chan<Page> results = Chan.make(16);
        final Duration timeout;

        Crawl(Duration timeout) { this.timeout = timeout; }

        /** Claims {@code url}; false if someone else already did. */
        boolean claim(String url) {
            mu.lock();
            try {
                return seen.add(url);
            } finally {
                mu.unlock();
            }
        }

        /** Fetches {@code url} and, {@code depth} permitting, the pages it links to, each in a goroutine. */
        void visit(String url, int depth) {
            if (depth <= 0 || !claim(url)) return;
            wg.add(1);
            go(() -> {
                try {
                    Page p = fetchWithTimeout(url, timeout);
                    results.send(p);
                    for (String link : p.links()) visit(link, depth - 1);
                } finally {
                    wg.done();
                }
            });
        }
    }

    /** Crawls from {@code start} to {@code depth}; returns url -> title, or url -> "error: ...". Sorted by url. */
    public static Map<String, String> crawl(String start, int depth, Duration timeout) {
        Crawl c = new Crawl(timeout);
        c.visit(start, depth);
        go(() -> {
            c.wg.await();
            c.results.close();
        });
        Map<String, String> outcome = new TreeMap<>();
        for (Page p : c.results) outcome.put(p.url(), p.error() == null ? p.title() : "error: " + p.error());
        return outcome;
    }

    public static void main(String[] args) {
        crawl("https://golang.org/", 4, Duration.ofMillis(200))
                .forEach((url, what) -> System.out.println(url + "  " + what));
    }
}
