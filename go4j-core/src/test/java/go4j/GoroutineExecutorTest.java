package go4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Go#executor()} and {@link Go#threadFactory()} with the JDK classes that take them:
 * HttpServer, HttpClient, CompletableFuture, and the ExecutorService contract itself.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GoroutineExecutorTest {

    private static final String GOROUTINE_NAME = "goroutine \\d+";

    /** Where and how a task ran: on a virtual thread named like a goroutine, on our scheduler. */
    private record Where(boolean virtual, String name) {
        static Where here() {
            return new Where(Thread.currentThread().isVirtual(), Thread.currentThread().getName());
        }
    }

    @Test
    void executeRunsEachTaskInItsOwnGoroutine() throws Exception {
        try (ExecutorService exec = Go.executor()) {
            ConcurrentLinkedQueue<Where> seen = new ConcurrentLinkedQueue<>();
            CountDownLatch done = new CountDownLatch(3);
            for (int i = 0; i < 3; i++) {
                exec.execute(() -> {
                    seen.add(Where.here());
                    done.countDown();
                });
            }
            done.await();
            assertThat(seen).hasSize(3).allMatch(w -> w.virtual() && w.name().matches(GOROUTINE_NAME));
            assertThat(seen.stream().map(Where::name).distinct()).hasSize(3);
        }
    }

    @Test
    void httpServerAndHttpClientRunOnGoroutines() throws Exception {
        ConcurrentLinkedQueue<Where> handlers = new ConcurrentLinkedQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            handlers.add(Where.here());
            byte[] body = "hello\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        ExecutorService serverExec = Go.executor();
        server.setExecutor(serverExec);
        server.start();
        ExecutorService clientExec = Go.executor();
        try (HttpClient client = HttpClient.newBuilder().executor(clientExec).build()) {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            HttpResponse<String> sync = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sync.statusCode()).isEqualTo(200);
            assertThat(sync.body()).isEqualTo("hello\n");

            // Async: the client completes its futures on its executor, i.e. on goroutines.
            AtomicReference<Where> continuation = new AtomicReference<>();
            List<CompletableFuture<String>> async = IntStream.range(0, 8)
                    .mapToObj(i -> client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                            .thenApplyAsync(r -> {
                                continuation.set(Where.here());
                                return r.body();
                            }, clientExec))
                    .toList();
            for (CompletableFuture<String> f : async) assertThat(f.get()).isEqualTo("hello\n");
            assertThat(continuation.get().virtual()).isTrue();
            assertThat(continuation.get().name()).matches(GOROUTINE_NAME);
        } finally {
            server.stop(0);
            serverExec.close();
            clientExec.close();
        }
        assertThat(handlers).hasSize(9).allMatch(w -> w.virtual() && w.name().matches(GOROUTINE_NAME));
        assertThat(serverExec.isTerminated()).isTrue();
    }

    @Test
    void completableFutureSupplyAsyncRunsOnAGoroutine() {
        try (ExecutorService exec = Go.executor()) {
            Where w = CompletableFuture.supplyAsync(Where::here, exec).join();
            assertThat(w.virtual()).isTrue();
            assertThat(w.name()).matches(GOROUTINE_NAME);
            int sum = CompletableFuture.supplyAsync(() -> 20, exec)
                    .thenCombineAsync(CompletableFuture.supplyAsync(() -> 22, exec), Integer::sum, exec)
                    .join();
            assertThat(sum).isEqualTo(42);
        }
    }

    @Test
    void submitKeepsTheTaskExceptionInTheFuture() {
        try (ExecutorService exec = Go.executor()) {
            Future<Object> f = exec.submit(() -> { throw new IOException("disk on fire"); });
            assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IOException.class).hasMessage("disk on fire");
        }
    }

    @Test
    void invokeAllReturnsEveryResultInOrderAndInvokeAnyOneSuccess() throws Exception {
        try (ExecutorService exec = Go.executor()) {
            List<Callable<String>> tasks = IntStream.range(0, 50)
                    .<Callable<String>>mapToObj(i -> () -> i + "@" + Thread.currentThread().getName())
                    .toList();
            List<Future<String>> all = exec.invokeAll(tasks);
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).isDone()).isTrue();
                assertThat(all.get(i).get()).matches(i + "@" + GOROUTINE_NAME);
            }
            String any = exec.invokeAny(List.<Callable<String>>of(
                    () -> { throw new IllegalStateException("no"); },
                    () -> "yes",
                    () -> { throw new IllegalStateException("no"); }));
            assertThat(any).isEqualTo("yes");
            assertThatThrownBy(() -> exec.invokeAny(List.<Callable<String>>of(() -> { throw new IllegalStateException("no"); })))
                    .isInstanceOf(ExecutionException.class).cause().hasMessage("no");
        }
    }

    @Test
    void shutdownRejectsNewTasksAndTerminatesWhenTheAcceptedOnesEnd() throws Exception {
        ExecutorService exec = Go.executor();
        CountDownLatch started = new CountDownLatch(1);
        Chan<String> release = Chan.make();
        Future<String> running = exec.submit(() -> {
            started.countDown();
            return release.recv();
        });
        started.await();
        exec.shutdown();
        assertThat(exec.isShutdown()).isTrue();
        assertThat(exec.isTerminated()).isFalse();
        assertThat(exec.awaitTermination(0, TimeUnit.NANOSECONDS)).isFalse();
        assertThatThrownBy(() -> exec.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> exec.submit(() -> "late")).isInstanceOf(RejectedExecutionException.class);

        release.send("finished");
        assertThat(exec.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(exec.isTerminated()).isTrue();
        assertThat(running.get()).isEqualTo("finished");
        exec.shutdown(); // idempotent
        assertThat(exec.isTerminated()).isTrue();
    }

    @Test
    void shutdownOfAnIdleExecutorTerminatesAtOnce() throws Exception {
        ExecutorService exec = Go.executor();
        assertThat(exec.isTerminated()).isFalse();
        exec.shutdown();
        assertThat(exec.isTerminated()).isTrue();
        assertThat(exec.awaitTermination(0, TimeUnit.NANOSECONDS)).isTrue();
    }

    @Test
    void shutdownNowInterruptsRunningTasksAndReturnsNoUnstartedOnes() throws Exception {
        ExecutorService exec = Go.executor();
        int n = 10;
        CountDownLatch started = new CountDownLatch(n);
        CountDownLatch interrupted = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            exec.execute(() -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await(); // waits for ever, unless interrupted
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
            });
        }
        started.await();
        assertThat(exec.shutdownNow()).isEmpty();
        assertThat(exec.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted.getCount()).isZero();
        assertThatThrownBy(() -> exec.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void closeWaitsForTheRunningTasks() throws Exception {
        ExecutorService exec = Go.executor();
        Chan<Boolean> release = Chan.make();
        AtomicBoolean taskEnded = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        exec.execute(() -> {
            started.countDown();
            release.recv();
            taskEnded.set(true);
        });
        started.await();
        AtomicBoolean endedWhenClosed = new AtomicBoolean();
        Thread closer = Thread.ofPlatform().start(() -> {
            exec.close();
            endedWhenClosed.set(taskEnded.get());
        });
        // The closer must park in close() (not return) while the task is blocked.
        Thread.State s;
        while ((s = closer.getState()) != Thread.State.WAITING && s != Thread.State.TIMED_WAITING
                && s != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }
        assertThat(s).isNotEqualTo(Thread.State.TERMINATED);
        release.send(true);
        closer.join();
        assertThat(endedWhenClosed).isTrue();
        assertThat(exec.isTerminated()).isTrue();
    }

    @Test
    void eachExecutorTracksOnlyItsOwnTasks() throws Exception {
        ExecutorService busy = Go.executor();
        ExecutorService idle = Go.executor();
        Chan<Boolean> release = Chan.make();
        busy.execute(release::recv);
        idle.shutdown();
        assertThat(idle.isTerminated()).isTrue();
        busy.shutdown();
        assertThat(busy.isTerminated()).isFalse();
        release.send(true);
        assertThat(busy.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void threadFactoryMakesUnstartedGoroutines() throws Exception {
        ThreadFactory factory = Go.threadFactory();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Thread t = factory.newThread(() -> ranOn.set(Thread.currentThread()));
        assertThat(t.getState()).isEqualTo(Thread.State.NEW);
        assertThat(t.isVirtual()).isTrue();
        assertThat(t.getName()).matches(GOROUTINE_NAME);
        assertThat(ranOn.get()).isNull();
        t.start();
        t.join();
        assertThat(ranOn.get()).isSameAs(t);
        assertThat(factory.newThread(() -> {}).getName()).isNotEqualTo(t.getName());
    }

    @Test
    void aGoroutineFromTheThreadFactoryIsCreatedByWhoeverAskedForIt() throws Exception {
        Chan<Void> release = Chan.make();
        Thread t = Go.threadFactory().newThread(() -> release.recv());
        t.start();
        String dump = Go.stack(true);
        String own = dump.substring(dump.indexOf(t.getName() + " ["));
        own = own.substring(0, own.indexOf("\n\n"));
        assertThat(own).contains("\ncreated by go4j.GoroutineExecutorTest.aGoroutineFromTheThreadFactoryIsCreatedByWhoeverAskedForIt(");
        release.close();
        t.join();
    }

    @Test
    void badInputIsRefused() {
        try (ExecutorService exec = Go.executor()) {
            assertThatThrownBy(() -> exec.execute(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> Go.threadFactory().newThread(null)).isInstanceOf(NullPointerException.class);
        }
    }
}
