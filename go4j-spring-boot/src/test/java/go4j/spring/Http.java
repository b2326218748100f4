package go4j.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client for the tests: GETs from the application on its random port. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {}

    static HttpResponse<String> get(int port, String path, String accept) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The body of a GET on a connection of its own: on a kept-alive connection Tomcat may serve the
     * next request in the same task that served the previous one.
     */
    static String bodyOnNewConnection(int port, String path) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new AssertionError("GET " + path + ": " + r.statusCode() + "\n" + r.body());
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body of a GET that must answer 200. */
    static String body(int port, String path) {
        return body(port, path, "*/*");
    }

    static String body(int port, String path, String accept) {
        HttpResponse<String> r = get(port, path, accept);
        if (r.statusCode() != 200) throw new AssertionError("GET " + path + ": " + r.statusCode() + "\n" + r.body());
        return r.body();
    }
}
