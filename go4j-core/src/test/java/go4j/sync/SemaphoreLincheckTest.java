package go4j.sync;

import static go4j.LincheckScenarios.op;
import static go4j.LincheckScenarios.scenario;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checking of the weighted {@link Semaphore} with Lincheck, through its public API on
 * Lincheck's own threads (3 threads x 3 operations), on a semaphore of 2 units. {@code hold(n)}
 * acquires n units (1 or 2: a 2 waits for everyone, and those behind it wait for it), counts
 * itself in, checks that no more than 2 units are held, and releases; {@code tryHold(n)} does the
 * same with {@code tryAcquire}. Every operation gives back what it took, so every scenario can
 * finish: a lost wake-up is a deadlock, over-admission a {@code false}, a wrong count an
 * exception from {@code release}. Two scenarios written by hand put a waiter for 2 behind two
 * holders of 1.
 */
@Timeout(300)
class SemaphoreLincheckTest {

    static final long SIZE = 2;

    @Test
    void admission() {
        ModelCheckingOptions options = new ModelCheckingOptions()
                .threads(3)
                .actorsPerThread(3)
                .iterations(3)
                .invocationsPerIteration(100)
                .sequentialSpecification(Model.class);
        // A waiter for 2 behind two holders of 1: a release must not let it in while the other holds.
        options.addCustomScenario(scenario(Ops.class, List.of(),
                List.of(op("hold", 1)), List.of(op("hold", 1)), List.of(op("hold", 2))));
        options.addCustomScenario(scenario(Ops.class, List.of(),
                List.of(op("hold", 2), op("hold", 1)), List.of(op("hold", 1)), List.of(op("tryHold", 1), op("hold", 2))));
        options.check(Ops.class);
    }

    /** The operations under test, on a real semaphore. */
    @Param(name = "n", gen = IntGen.class, conf = "1:2")
    public static class Ops {
        private final Semaphore sem = new Semaphore(SIZE);
        private final AtomicLong held = new AtomicLong();

        @Operation(blocking = true)
        public boolean hold(@Param(name = "n") int n) {
            sem.acquire(n);
            return inside(n);
        }

        @Operation
        public boolean tryHold(@Param(name = "n") int n) {
            return !sem.tryAcquire(n) || inside(n);
        }

        private boolean inside(int n) {
            boolean fits = held.addAndGet(n) <= SIZE;
            fits &= held.get() <= SIZE; // still, after a moment in which others may come in
            held.addAndGet(-n);
            sem.release(n);
            return fits;
        }
    }

    /** The sequential model: every holder fits. */
    public static final class Model {
        public boolean hold(int n) {
            return true;
        }

        public boolean tryHold(int n) {
            return true;
        }
    }
}
