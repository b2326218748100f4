package examples;

import go4j.sync.ErrGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * A bounded worker pool: one goroutine per job, at most {@code limit} of them active at once, the
 * first error kept. Go writes it with errgroup:
 *
 * <pre>{@code
 * g := new(errgroup.Group)
 * g.SetLimit(4)
 * for i, job := range jobs {
 *     g.Go(func() error { sums[i], err = checksum(job); return err })
 * }
 * if err := g.Wait(); err != nil { ... }
 * }</pre>
 *
 * <pre>
 *   ./go4j run examples/src/main/java/examples/WorkerPool.java
 * </pre>
 *
 * {@code g.go} parks while {@code limit} goroutines are running, so the loop itself is the
 * back-pressure: no job queue, no pool of long-lived workers. Each goroutine writes only its own
 * slot of the results array; {@code await} orders those writes before the reads after it.
 */
public final class WorkerPool {

    /** What the pool did: a checksum per job, the first error (or null), and the most jobs seen at once. */
    public record Result(long[] checksums, Throwable error, int maxActive) {}

    /** Checksums {@code jobs} (each a payload size) on at most {@code limit} goroutines; sizes below 0 are errors. */
    public static Result run(List<Integer> jobs, int limit) {
        long[] sums = new long[jobs.size()];
        AtomicInteger active = new AtomicInteger(), maxActive = new AtomicInteger();
        ErrGroup g = new ErrGroup();
        g.setLimit(limit);
        for (int i = 0; i < jobs.size(); i++) {
            int job = i;
            g.go(() -> {
                maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                try {
                    sums[job] = checksum(jobs.get(job));
                } finally {
                    active.decrementAndGet();
                }
            });
        }
        Throwable err = g.await();
        return new Result(sums, err, maxActive.get());
    }

    /** The CRC-32 of a deterministic payload of {@code size} bytes: a stand-in for real work. */
    static long checksum(int size) {
        if (size < 0) throw new IllegalArgumentException("job with negative size " + size);
        CRC32 crc = new CRC32();
        byte[] block = new byte[Math.min(size, 4096)];
        for (int i = 0; i < block.length; i++) block[i] = (byte) (i * 31 + size);
        for (int left = size; left > 0; left -= block.length) crc.update(block, 0, Math.min(left, block.length));
        return crc.getValue();
    }

    public static void main(String[] args) {
        List<Integer> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) jobs.add(100_000 + i * 1000);
        Result ok = run(jobs, 4);
        System.out.printf("20 jobs on at most 4 goroutines: max active %d, error %s, first checksum %08x%n",
                ok.maxActive(), ok.error(), ok.checksums()[0]);
        jobs.set(7, -1);
        Result bad = run(jobs, 4);
        System.out.println("with a bad job: error = " + bad.error().getMessage());
    }
}
