package go4j.runtime;

import static go4j.LincheckScenarios.op;
import static go4j.LincheckScenarios.scenario;

import go4j.LincheckScenarios.Op;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checking of a P's run queue ({@link RunQueue}) with Lincheck, shrunk to capacity 4 through
 * its constructor (Tokio's trick) so that a few offers fill it and the overflow path runs: the
 * owner moving the older half out ({@code drainHalf}, Go's runqputslow) while stealers grab.
 *
 * <p>The owner's operations ({@code offer}, {@code poll}, {@code drainHalf}) are one
 * non-parallel group, so they run on one thread only, as the queue requires; {@code steal}
 * ({@code grabHalf}) and {@code drainAll} run on any thread. The sequential model is a FIFO of at
 * most 4 whose {@code drainHalf} takes the older half when, and only when, it is full.
 * ({@code Sched.runqput}'s loop of offer, drain, offer again is not one atomic step: a stealer may
 * run between its parts, so its parts are the operations.) {@code size} and {@code isEmpty} are
 * left out: they read head and tail at two moments and are documented as exact only when the
 * queue is quiescent. Besides random scenarios, three written by hand start from a full ring,
 * which random ones seldom do.
 */
@Timeout(300)
class RunQueueLincheckTest {

    static final int CAPACITY = 4;

    @Test
    void aRingOfFourWithItsOverflow() {
        ModelCheckingOptions options = new ModelCheckingOptions()
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(3)
                .actorsAfter(1)
                .iterations(3)
                .invocationsPerIteration(100)
                .sequentialSpecification(Model.class);
        // Random scenarios seldom start with a full ring; these do, so the overflow races stealers.
        List<Op> full = List.of(op("offer", 1), op("offer", 2), op("offer", 3), op("offer", 4));
        options.addCustomScenario(scenario(Ops.class, full,
                List.of(op("offer", 5), op("drainHalf"), op("offer", 5)), List.of(op("steal")), List.of(op("steal"))));
        options.addCustomScenario(scenario(Ops.class, full,
                List.of(op("drainHalf"), op("offer", 5), op("offer", 6)), List.of(op("drainAll")), List.of(op("steal"))));
        options.addCustomScenario(scenario(Ops.class, full.subList(0, 3),
                List.of(op("offer", 4), op("drainHalf"), op("poll")), List.of(op("steal")), List.of(op("steal"))));
        options.check(Ops.class);
    }

    /** A task that says which one it is. */
    record Task(int id) implements Runnable {
        @Override
        public void run() {}
    }

    /** The operations under test, on a real run queue of capacity 4. */
    @Param(name = "v", gen = IntGen.class, conf = "1:9")
    public static class Ops {
        private final RunQueue q = new RunQueue(CAPACITY);
        private final Runnable[] ownerBatch = new Runnable[CAPACITY];

        @Operation(nonParallelGroup = "owner")
        public boolean offer(@Param(name = "v") int v) {
            return q.offer(new Task(v));
        }

        /** The overflow path: when the ring is full, takes its older half out (else nothing). */
        @Operation(nonParallelGroup = "owner")
        public List<Integer> drainHalf() {
            return ids(ownerBatch, q.drainHalf(ownerBatch));
        }

        @Operation(nonParallelGroup = "owner")
        public Integer poll() {
            Runnable r = q.poll();
            return r == null ? null : ((Task) r).id();
        }

        @Operation
        public List<Integer> steal() {
            Runnable[] batch = new Runnable[CAPACITY];
            return ids(batch, q.grabHalf(batch));
        }

        @Operation
        public List<Integer> drainAll() {
            Runnable[] batch = new Runnable[CAPACITY];
            return ids(batch, q.drainAll(batch));
        }

        private static List<Integer> ids(Runnable[] batch, int n) {
            List<Integer> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) ids.add(((Task) batch[i]).id());
            return ids;
        }
    }

    /** The sequential model: a FIFO of at most 4, whose put moves the older half out when full. */
    public static final class Model {
        private final ArrayDeque<Integer> q = new ArrayDeque<>();

        public boolean offer(int v) {
            if (q.size() == CAPACITY) return false;
            q.add(v);
            return true;
        }

        public List<Integer> drainHalf() {
            List<Integer> moved = new ArrayList<>();
            if (q.size() == CAPACITY) {
                for (int i = 0; i < CAPACITY / 2; i++) moved.add(q.poll());
            }
            return moved;
        }

        public Integer poll() {
            return q.poll();
        }

        public List<Integer> steal() {
            int n = q.size() - q.size() / 2;
            List<Integer> taken = new ArrayList<>(n);
            for (int i = 0; i < n; i++) taken.add(q.poll());
            return taken;
        }

        public List<Integer> drainAll() {
            List<Integer> taken = new ArrayList<>(q);
            q.clear();
            return taken;
        }
    }
}
