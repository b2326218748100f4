package examples;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.Go;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Jetty 12, unchanged, with its virtual-threads executor set to go4j's: handlers run as goroutines. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JettyOnGo4jTest {

    @Test
    void jettyRunsBlockingHandlersOnGoroutines() throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool();
        ExecutorService goroutines = Go.executor();
        pool.setVirtualThreadsExecutor(goroutines);
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() { // blocking by default: Jetty hands it to the virtual-threads executor
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Thread t = Thread.currentThread();
                Content.Sink.write(response, true, t.getName() + " virtual=" + t.isVirtual(), callback);
                return true;
            }
        });
        server.start();
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).matches("goroutine \\d+ virtual=true");
            }
        } finally {
            server.stop();
            goroutines.shutdown();
        }
    }
}
