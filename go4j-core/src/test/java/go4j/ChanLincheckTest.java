package go4j;

import java.util.ArrayDeque;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checking of {@link Chan} with Lincheck: every interleaving (up to Lincheck's bounds) of 3
 * threads x 3 operations must be linearizable against a sequential model of a Go channel.
 *
 * <p>The checked operations are the non-blocking ones ({@code trySend}, {@code tryRecv}) with
 * {@code close} and {@code len}, at capacities 0, 1 and 2. A blocking {@code send} or
 * {@code recv} cannot be written as a sequential specification in plain Java (an operation that
 * waits for a partner has no sequential meaning), so scenarios with blocking operations are
 * checked in {@link ChanBlockingLincheckTest}.
 */
@Timeout(300)
class ChanLincheckTest {

    /** Default-suite size; {@link ChanLincheckStressTest} runs the same checks larger. */
    private static final int ITERATIONS = 4, INVOCATIONS = 100;

    static void check(Class<? extends Ops> ops, Class<? extends Model> model, int iterations, int invocations) {
        new ModelCheckingOptions()
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .iterations(iterations)
                .invocationsPerIteration(invocations)
                .sequentialSpecification(model)
                .check(ops);
    }

    @Test
    void unbuffered() {
        check(Cap0.class, Model0.class, ITERATIONS, INVOCATIONS);
    }

    @Test
    void capacityOne() {
        check(Cap1.class, Model1.class, ITERATIONS, INVOCATIONS);
    }

    @Test
    void capacityTwo() {
        check(Cap2.class, Model2.class, ITERATIONS, INVOCATIONS);
    }

    /** The operations under test, on a real channel. */
    @Param(name = "v", gen = IntGen.class, conf = "1:3")
    public abstract static class Ops {
        private final Chan<Integer> c;

        Ops(int capacity) {
            c = Chan.make(capacity);
        }

        @Operation
        public boolean trySend(@Param(name = "v") int v) {
            return c.trySend(v);
        }

        @Operation
        public Chan.Received<Integer> tryRecv() {
            return c.tryRecv();
        }

        @Operation
        public void close() {
            c.close();
        }

        @Operation
        public int len() {
            return c.len();
        }
    }

    public static final class Cap0 extends Ops { public Cap0() { super(0); } }
    public static final class Cap1 extends Ops { public Cap1() { super(1); } }
    public static final class Cap2 extends Ops { public Cap2() { super(2); } }

    /**
     * The sequential model: a bounded FIFO that can be closed. With only non-blocking operations
     * no goroutine ever waits, so an unbuffered channel never has a partner: every try fails.
     */
    public abstract static class Model {
        private final int capacity;
        private final ArrayDeque<Integer> buf = new ArrayDeque<>();
        private boolean closed;

        Model(int capacity) {
            this.capacity = capacity;
        }

        public boolean trySend(int v) {
            if (closed) throw new ChannelClosedException();
            if (buf.size() == capacity) return false;
            buf.add(v);
            return true;
        }

        public Chan.Received<Integer> tryRecv() {
            if (!buf.isEmpty()) return new Chan.Received<>(buf.poll(), true);
            return closed ? new Chan.Received<>(null, false) : null;
        }

        public void close() {
            if (closed) throw new IllegalStateException("close of closed channel");
            closed = true;
        }

        public int len() {
            return buf.size();
        }
    }

    public static final class Model0 extends Model { public Model0() { super(0); } }
    public static final class Model1 extends Model { public Model1() { super(1); } }
    public static final class Model2 extends Model { public Model2() { super(2); } }
}
