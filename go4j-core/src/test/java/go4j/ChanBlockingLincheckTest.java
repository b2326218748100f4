package go4j;

import static go4j.LincheckScenarios.op;
import static go4j.LincheckScenarios.scenario;

import go4j.LincheckScenarios.Blocked;
import java.util.ArrayDeque;
import java.util.List;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checking of {@link Chan} with its blocking operations ({@code send}, {@code recv},
 * {@code recvOk}), parked with {@code LockSupport.park} on Lincheck's own threads, together with
 * {@code close} and {@code tryRecv}, at capacities 0, 1 and 2.
 *
 * <p>Random scenarios would mostly deadlock by construction (a receive with no sender), which
 * Lincheck rightly reports; so the scenarios here are written by hand (3 threads x at most 2
 * operations), each one able to finish in every interleaving. A lost wake-up therefore shows up
 * as a deadlock, a lost or duplicated value as a result no linearization explains.
 *
 * <p>The sequential model is a closable FIFO without bound: a send takes effect when its value is
 * accepted, a receive when it takes one. A receive on an empty open model, and so any
 * linearization that puts a receive before its send, is refused ({@link Blocked}). The model
 * ignores the capacity, which only decides <em>when</em> a real send returns; that part is
 * checked by the non-blocking operations in {@link ChanLincheckTest}.
 */
@Timeout(300)
class ChanBlockingLincheckTest {

    /** Default-suite size; {@link ChanLincheckStressTest} runs the same checks larger. */
    private static final int INVOCATIONS = 60;

    @Test
    void unbuffered() {
        check(Cap0.class, INVOCATIONS);
    }

    @Test
    void capacityOne() {
        check(Cap1.class, INVOCATIONS);
    }

    @Test
    void capacityTwo() {
        check(Cap2.class, INVOCATIONS);
    }

    static void check(Class<? extends Ops> ops, int invocations) {
        ModelCheckingOptions options = new ModelCheckingOptions()
                .iterations(0) // only the scenarios below
                .invocationsPerIteration(invocations)
                .sequentialSpecification(Model.class);
        // Two senders, two receivers.
        options.addCustomScenario(scenario(ops, List.of(),
                List.of(op("send", 1), op("send", 2)), List.of(op("recv")), List.of(op("recvOk"))));
        options.addCustomScenario(scenario(ops, List.of(),
                List.of(op("send", 1)), List.of(op("send", 2)), List.of(op("recv"), op("recvOk"))));
        // Close racing with a blocked sender and blocked receivers.
        options.addCustomScenario(scenario(ops, List.of(),
                List.of(op("send", 1)), List.of(op("recvOk")), List.of(op("close"))));
        options.addCustomScenario(scenario(ops, List.of(),
                List.of(op("send", 1), op("send", 2)), List.of(op("close")), List.of(op("recvOk"), op("recvOk"))));
        // A non-blocking receive among blocking ones.
        options.addCustomScenario(scenario(ops, List.of(),
                List.of(op("send", 1)), List.of(op("tryRecv"), op("close")), List.of(op("recv"))));
        options.check(ops);
    }

    /** The operations under test, on a real channel. */
    public abstract static class Ops {
        private final Chan<Integer> c;

        Ops(int capacity) {
            c = Chan.make(capacity);
        }

        @Operation(blocking = true)
        public void send(int v) {
            c.send(v);
        }

        @Operation(blocking = true)
        public Integer recv() {
            return c.recv();
        }

        @Operation(blocking = true)
        public Chan.Received<Integer> recvOk() {
            return c.recvOk();
        }

        @Operation
        public Chan.Received<Integer> tryRecv() {
            return c.tryRecv();
        }

        @Operation
        public void close() {
            c.close();
        }
    }

    public static final class Cap0 extends Ops { public Cap0() { super(0); } }
    public static final class Cap1 extends Ops { public Cap1() { super(1); } }
    public static final class Cap2 extends Ops { public Cap2() { super(2); } }

    /** The sequential model: an unbounded FIFO that can be closed (see the class comment). */
    public static final class Model {
        private final ArrayDeque<Integer> buf = new ArrayDeque<>();
        private boolean closed;

        public void send(int v) {
            if (closed) throw new ChannelClosedException();
            buf.add(v);
        }

        public Integer recv() {
            Chan.Received<Integer> r = recvOk();
            return r.value();
        }

        public Chan.Received<Integer> recvOk() {
            if (!buf.isEmpty()) return new Chan.Received<>(buf.poll(), true);
            if (closed) return new Chan.Received<>(null, false);
            throw new Blocked();
        }

        public Chan.Received<Integer> tryRecv() {
            if (!buf.isEmpty()) return new Chan.Received<>(buf.poll(), true);
            return closed ? new Chan.Received<>(null, false) : null;
        }

        public void close() {
            if (closed) throw new IllegalStateException("close of closed channel");
            closed = true;
        }
    }
}
