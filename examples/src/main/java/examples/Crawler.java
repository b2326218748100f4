package examples;

import static go4j.Go.go;

import go4j.Chan;
import go4j.Select;
import go4j.context.CancelableContext;
import go4j.context.Context;
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
 * (2 s), so it runs into the per-request timeout. Each request gets its own
 * {@code Context.withTimeout}, derived from the crawl's context, and the fetch waits on
 * {@code ctx.done()} as a real client would: on timeout it stops at once, nothing is left
 * running. Cancelling the crawl's context stops every request in flight.
 *
 * <pre>{@code
 * ctx, cancel := context.WithTimeout(parent, timeout)
 * defer cancel()
 * page, err := fetch(ctx, url)
 * }</pre>
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

    /** The fake fetch: waits like a network would, unless {@code ctx} ends first; then answers from {@link #WEB}. */
    static Page fetch(Context ctx, String url) {
        long ms = url.equals(SLOW) ? 2000 : ThreadLocalRandom.current().nextLong(1, 31);
        Timer latency = Time.newTimer(Duration.ofMillis(ms));
        try {
            // select { case <-latency.C: case <-ctx.Done(): return nil, ctx.Err() }
            if (Select.select(Select.recv(latency.c(), null), Select.recv(ctx.done(), null)) == 1) {
                return Page.failed(url, ctx.err().getMessage());
            }
        } finally {
            latency.stop();
        }
        Page p = WEB.get(url);
        return p != null ? p : Page.failed(url, "not found");
    }

    /** Fetches {@code url} with its own deadline, {@code timeout} from now. */
    static Page fetchWithTimeout(Context parent, String url, Duration timeout) {
        try (CancelableContext ctx = Context.withTimeout(parent, timeout)) { // defer cancel()
            return fetch(ctx, url);
        }
    }

    /** The crawl's shared state: which URLs were claimed, and where outcomes go. */
    private static final class Crawl {
        private final Mutex mu = new Mutex();
        /** Guarded by mu. */
        private final java.util.Set<String> seen = new java.util.HashSet<>();
        final WaitGroup wg = new WaitGroup();
        final Chan<Page> results = Chan.make(16);
        final Context ctx;
        final Duration timeout;

        Crawl(Context ctx, Duration timeout) {
            this.ctx = ctx;
            this.timeout = timeout;
        }

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
                    Page p = fetchWithTimeout(ctx, url, timeout);
                    results.send(p);
                    for (String link : p.links()) visit(link, depth - 1);
                } finally {
                    wg.done();
                }
            });
        }
    }

    /** {@link #crawl(Context, String, int, Duration)} with no way to stop it early. */
    public static Map<String, String> crawl(String start, int depth, Duration timeout) {
        return crawl(Context.background(), start, depth, timeout);
    }

    /**
     * Crawls from {@code start} to {@code depth}, each request limited to {@code timeout}, the
     * whole crawl to {@code ctx}; returns url -> title, or url -> "error: ...". Sorted by url.
     */
    public static Map<String, String> crawl(Context ctx, String start, int depth, Duration timeout) {
        Crawl c = new Crawl(ctx, timeout);
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
