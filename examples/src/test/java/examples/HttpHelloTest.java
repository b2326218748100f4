package examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The HTTP example answers its routes, keeps connections alive, in both modes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpHelloTest {

    @ParameterizedTest
    @EnumSource(HttpHello.Mode.class)
    void servesHelloAndWorkWithHttpClient(HttpHello.Mode mode) throws Exception {
        try (HttpHello.Server server = HttpHello.start("127.0.0.1", 0, mode);
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> hello = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.body()).isEqualTo("hello\n");
            HttpResponse<String> work = client.send(HttpRequest.newBuilder(URI.create(base + "/work?ms=5")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(work.statusCode()).isEqualTo(200);
            assertThat(work.body()).isEqualTo("worked\n");
            HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(base + "/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create(base + "/"))
                            .POST(HttpRequest.BodyPublishers.ofString("ignored body")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.body()).isEqualTo("hello\n");
        }
    }

    @Test
    void keepsTheConnectionAliveAcrossRequests() throws Exception {
        try (HttpHello.Server server = HttpHello.start("127.0.0.1", 0, HttpHello.Mode.GO4J);
             Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            for (String path : new String[] {"/", "/work?ms=1", "/"}) {
                out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                int length = -1;
                for (String h; !(h = in.readLine()).isEmpty(); ) {
                    if (h.startsWith("Content-Length: ")) length = Integer.parseInt(h.substring(16));
                }
                char[] body = new char[length];
                assertThat(in.read(body)).isEqualTo(length);
                assertThat(new String(body)).isEqualTo(path.equals("/") ? "hello\n" : "worked\n");
            }
            out.write("GET / HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder rest = new StringBuilder();
            for (int c; (c = in.read()) >= 0; ) rest.append((char) c); // ends: the server closed
            assertThat(rest.toString()).startsWith("HTTP/1.1 200 OK").contains("Connection: close").endsWith("hello\n");
        }
    }

    @Test
    void queryParsing() {
        assertThat(HttpHello.queryLong("/work?ms=10", "ms", 0)).isEqualTo(10);
        assertThat(HttpHello.queryLong("/work?x=1&ms=7", "ms", 0)).isEqualTo(7);
        assertThat(HttpHello.queryLong("/work", "ms", 3)).isEqualTo(3);
        assertThat(HttpHello.queryLong("/work?ms=abc", "ms", 3)).isEqualTo(3);
    }
}
