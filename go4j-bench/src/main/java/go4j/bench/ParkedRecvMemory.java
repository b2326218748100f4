package go4j.bench;

import go4j.Chan;
import go4j.Go;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Heap per goroutine parked in a channel receive: N goroutines (default 1,000,000) block in
 * {@code ch.recv()} on one unbuffered channel; the heap in use after full collections, before and
 * after, over N. A parked goroutine's stack, its {@code G} record and its sudog all live in the
 * heap, so this is its whole cost. Target: at most 1 KB. Twin of {@code go4j-bench/go/parkedmem}.
 *
 * <p>Run: {@code java --add-opens java.base/java.lang=ALL-UNNAMED -cp 'go4j-bench/target/go4j-bench.jar:go4j-bench/target/lib/*'
 * go4j.bench.ParkedRecvMemory [N]}; prints {@code parkedRecvHeapBytesPerGoroutine <bytes>}.
 */
public final class ParkedRecvMemory {
    private ParkedRecvMemory() {}

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        warmUp(Math.min(n, 20_000));
        double bytes = parkAndMeasure(n);
        System.out.printf("parkedRecvHeapBytesPerGoroutine %.0f%n", bytes);
        System.out.printf("(%,d goroutines parked in ch.recv(), GOMAXPROCS %d, scheduler %s, jdk.trackAllThreads=%s)%n",
                n, Go.gomaxprocs(), Go.schedulerActive() ? "go4j" : "JDK default",
                System.getProperty("jdk.trackAllThreads", "true (default)"));
    }

    /**
     * Parks and releases {@code n} goroutines until the JIT is done with the path to the park: a
     * round during which no compilation finished (at most 20 rounds). A goroutine parks with the
     * frames its code had then, and an interpreted frame is several times a compiled one: one
     * round alone left a third of the goroutines measured with interpreted frames in some runs
     * (from about 840 to about 1,450 bytes per goroutine over runs), the compiler still busy or
     * recompiling after a deoptimisation. A long-running program parks with compiled frames.
     */
    static void warmUp(int n) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long compiled = -1;
        for (int round = 0; round < 20; round++) {
            parkAndMeasure(n);
            if (jit == null || !jit.isCompilationTimeMonitoringSupported()) return;
            long now = jit.getTotalCompilationTime();
            if (now == compiled) return;
            compiled = now;
        }
    }

    /** Parks {@code n} goroutines in a receive, returns heap growth per goroutine, releases them. */
    static double parkAndMeasure(int n) {
        Chan<Integer> ch = Chan.make();
        Thread[] parked = new Thread[n]; // allocated before the first reading: not counted
        AtomicInteger arrived = new AtomicInteger();
        Countdown ended = new Countdown(n);
        long before = heapAfterGc();
        for (int i = 0; i < n; i++) {
            int slot = i;
            Go.go(() -> {
                parked[slot] = Thread.currentThread();
                arrived.incrementAndGet();
                ch.recv();
                ended.done();
            });
        }
        while (arrived.get() < n) LockSupport.parkNanos(1_000_000);
        for (Thread t : parked) {
            while (t.getState() != Thread.State.WAITING) LockSupport.parkNanos(100_000);
        }
        long after = heapAfterGc();
        ch.close();
        ended.await();
        return (double) (after - before) / n;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 2; i++) System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
