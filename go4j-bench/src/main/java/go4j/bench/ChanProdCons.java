package go4j.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workload of Go's {@code benchmarkChanProdCons} (runtime/chan_test.go) without local work,
 * shared by {@link ChanProdCons0Bench}, {@link ChanProdCons10Bench}, {@link ChanProdCons100Bench}:
 * P producers and P consumers on one channel (P = GOMAXPROCS); producers take batches of 1000
 * sends from a shared counter and end by sending a 0; a consumer stops at the first 0.
 */
final class ChanProdCons {
    private ChanProdCons() {}

    static final int CALLS_PER_SCHED = 1000;
    /** Sends per invocation, the unit of the score. */
    static final int OPS = 50 * CALLS_PER_SCHED;

    private static final Integer ONE = 1, ZERO = 0;

    static void run(Starter kind, int ops, Pipe<Integer> myc) {
        int procs = Parallel.procs(kind);
        AtomicInteger batches = new AtomicInteger(ops / CALLS_PER_SCHED);
        Runnable producer = () -> {
            while (batches.decrementAndGet() >= 0) {
                for (int g = 0; g < CALLS_PER_SCHED; g++) myc.send(ONE);
            }
            myc.send(ZERO);
        };
        Runnable consumer = () -> {
            while (myc.recv() != 0) {
                // nothing: the benchmark is the channel
            }
        };
        Runnable[] all = new Runnable[2 * procs];
        for (int p = 0; p < procs; p++) {
            all[2 * p] = producer;
            all[2 * p + 1] = consumer;
        }
        Parallel.all(kind, all);
    }
}
