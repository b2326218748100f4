package go4j.spring;

import go4j.Go;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Gives each of the embedded Tomcat's protocol handlers a {@link Go#executor()}: every request
 * (every socket-processing task, in Tomcat's words) runs in its own goroutine, as Spring Boot's
 * virtual-thread switch gives each one a virtual thread. Tomcat's acceptor and poller threads
 * stay platform threads: they are Tomcat's own I/O loop, not request handling.
 *
 * <p>The executor is Tomcat's "external" one, which Tomcat never shuts down: it has no pool to
 * stop, and a request still running when the server stops runs to its end, as with the JDK's
 * virtual threads.
 */
public final class GoroutineTomcatCustomizer
        implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    /**
     * After Spring Boot's Tomcat customizers (its own at 0, its virtual-thread one at 1), so that
     * with both switches on the requests run on goroutines.
     */
    public static final int ORDER = 10;

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addProtocolHandlerCustomizers(handler -> handler.setExecutor(Go.executor()));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
