package examples;

import go4j.Go;
import go4j.time.Time;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A small HTTP/1.1 server with one goroutine per connection, on plain JDK sockets: Go's
 * {@code for { c, _ := ln.Accept(); go serve(c) }}.
 *
 * <pre>
 *   ./go4j run examples/src/main/java/examples/HttpHello.java --port 8080 --duration 30
 *   curl localhost:8080/            -> hello
 *   curl 'localhost:8080/work?ms=10' -> waits 10 ms, as a handler waiting on a database would
 * </pre>
 *
 * Options: {@code --host H} (default 127.0.0.1), {@code --port P} (default 8080; 0 picks a free
 * port), {@code --duration S} (stop by itself after S seconds; 0, the default, runs until
 * killed), {@code --vt} (the same code on the JDK's default virtual threads instead of
 * goroutines, for comparison).
 *
 * <p>Connections are kept alive (HTTP/1.1's default) until the client closes them or sends
 * {@code Connection: close}. Requests with a body are read as far as {@code Content-Length}
 * says; chunked request bodies are not supported (answered with 411).
 */
public final class HttpHello {

    private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WORKED = "worked\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_FOUND = "404 page not found\n".getBytes(StandardCharsets.US_ASCII);

    /** How connections are spawned and handlers wait: goroutines and go4j timers, or the JDK's own. */
    public enum Mode {
        GO4J(Go::go, ms -> Time.sleep(Duration.ofMillis(ms))),
        JDK_VT(r -> Thread.ofVirtual().start(r), HttpHello::jdkSleep);

        final Consumer<Runnable> spawn;
        final Consumer<Long> sleep;

        Mode(Consumer<Runnable> spawn, Consumer<Long> sleep) {
            this.spawn = spawn;
            this.sleep = sleep;
        }
    }

    /** A running server: its bound port, and close() to stop accepting. */
    public static final class Server implements AutoCloseable {
        private final ServerSocket listener;
        private final Mode mode;

        private Server(ServerSocket listener, Mode mode) {
            this.listener = listener;
            this.mode = mode;
        }

        /** The port the server listens on. */
        public int port() { return listener.getLocalPort(); }

        /** Stops accepting connections; open connections end when their clients close them. */
        @Override
        public void close() throws IOException { listener.close(); }

        private void acceptLoop() {
            while (!listener.isClosed()) {
                Socket c;
                try {
                    c = listener.accept();
                } catch (IOException e) {
                    if (!listener.isClosed()) System.err.println("accept: " + e);
                    continue;
                }
                mode.spawn.accept(() -> serve(c, mode));
            }
        }
    }

    /** Binds {@code host:port} and starts the accept loop in its own goroutine (or virtual thread). */
    public static Server start(String host, int port, Mode mode) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getByName(host), port), 4096);
        Server server = new Server(listener, mode);
        mode.spawn.accept(server::acceptLoop);
        return server;
    }

    public static void main(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = 8080;
        long duration = 0;
        Mode mode = Mode.GO4J;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--duration" -> duration = Long.parseLong(args[++i]);
                case "--vt" -> mode = Mode.JDK_VT;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (usage: HttpHello [--host H] [--port P] [--duration S] [--vt])");
            }
        }
        Server server = start(host, port, mode);
        System.out.println("listening on " + host + ":" + server.port() + " ("
                + (mode == Mode.GO4J ? "go4j goroutines, GOMAXPROCS=" + Go.gomaxprocs() : "JDK virtual threads") + ")");
        if (duration > 0) {
            jdkSleep(duration * 1000);
            server.close();
            System.out.println("stopped after " + duration + " s");
            System.exit(0); // ends the connections still open
        }
        jdkSleep(Long.MAX_VALUE / 2); // until killed
    }

    // ---- one connection ---------------------------------------------------------------------

    /** Serves requests on {@code c} until the client closes it or asks to. */
    static void serve(Socket c, Mode mode) {
        try (c) {
            c.setTcpNoDelay(true);
            RequestReader in = new RequestReader(c.getInputStream());
            OutputStream out = new BufferedOutputStream(c.getOutputStream(), 4096);
            String requestLine;
            while ((requestLine = in.readLine()) != null) {
                boolean close = requestLine.endsWith("HTTP/1.0");
                long contentLength = 0;
                boolean chunked = false;
                for (String h; (h = in.readLine()) != null && !h.isEmpty(); ) {
                    int colon = h.indexOf(':');
                    if (colon < 0) continue;
                    String name = h.substring(0, colon).trim(), value = h.substring(colon + 1).trim();
                    if (name.equalsIgnoreCase("Connection")) close = value.equalsIgnoreCase("close")
                            || (close && !value.equalsIgnoreCase("keep-alive"));
                    else if (name.equalsIgnoreCase("Content-Length")) contentLength = Long.parseLong(value);
                    else if (name.equalsIgnoreCase("Transfer-Encoding")) chunked = true;
                }
                if (chunked) {
                    respond(out, 411, "Length Required", new byte[0], true);
                    return;
                }
                in.skip(contentLength);
                String[] parts = requestLine.split(" ");
                String target = parts.length > 1 ? parts[1] : "";
                if (target.equals("/")) {
                    respond(out, 200, "OK", HELLO, close);
                } else if (target.startsWith("/work")) {
                    mode.sleep.accept(queryLong(target, "ms", 0));
                    respond(out, 200, "OK", WORKED, close);
                } else {
                    respond(out, 404, "Not Found", NOT_FOUND, close);
                }
                if (close) return;
            }
        } catch (IOException | RuntimeException e) {
            // a client that resets or sends garbage costs only its own connection
        }
    }

    private static void respond(OutputStream out, int status, String reason, byte[] body, boolean close) throws IOException {
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** The value of {@code key} in the query of {@code target}, or {@code dflt}. */
    static long queryLong(String target, String key, long dflt) {
        int q = target.indexOf('?');
        if (q < 0) return dflt;
        for (String kv : target.substring(q + 1).split("&")) {
            if (kv.startsWith(key + "=")) {
                try {
                    return Math.max(0, Long.parseLong(kv.substring(key.length() + 1)));
                } catch (NumberFormatException e) {
                    return dflt;
                }
            }
        }
        return dflt;
    }

    private static void jdkSleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads CRLF-terminated ASCII lines from a socket stream through its own buffer. */
    static final class RequestReader {
        private final InputStream in;
        private final byte[] buf = new byte[8192];
        private int pos, limit;

        RequestReader(InputStream in) { this.in = in; }

        /** The next line without its CRLF, or null at end of stream. */
        String readLine() throws IOException {
            StringBuilder sb = null;
            while (true) {
                if (pos == limit) {
                    limit = in.read(buf);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return sb == null || sb.isEmpty() ? null : sb.toString();
                    }
                }
                int start = pos;
                while (pos < limit && buf[pos] != '\n') pos++;
                if (pos < limit) { // found LF
                    int end = pos++;
                    if (end > start && buf[end - 1] == '\r') end--;
                    String part = new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
                    if (sb == null) return part;
                    // a CR may have ended the previous chunk
                    if (end == start && !sb.isEmpty() && sb.charAt(sb.length() - 1) == '\r') sb.setLength(sb.length() - 1);
                    return sb.append(part).toString();
                }
                if (sb == null) sb = new StringBuilder();
                sb.append(new String(buf, start, pos - start, StandardCharsets.ISO_8859_1));
                if (sb.length() > 16384) throw new IOException("header line too long");
            }
        }

        /** Discards {@code n} bytes (a request body). */
        void skip(long n) throws IOException {
            while (n > 0) {
                if (pos == limit) {
                    limit = in.read(buf);
                    pos = 0;
                    if (limit <= 0) { limit = 0; return; }
                }
                int k = (int) Math.min(n, limit - pos);
                pos += k;
                n -= k;
            }
        }
    }
}
