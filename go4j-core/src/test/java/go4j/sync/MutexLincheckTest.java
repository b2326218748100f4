package go4j.sync;

import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checking of {@link Mutex} with Lincheck, through its public API on Lincheck's own threads
 * (3 threads x 3 operations). {@code increment} is a critical section around a plain counter: a
 * broken exclusion shows up as two increments returning the same value, a lost wake-up as a
 * deadlock. {@code tryEnter} takes the lock only if it is free; its result is whether nobody else
 * was inside when it got in (always true when it did not), so it exercises the fast and the
 * contended paths of {@code tryLock} without making the counter's values depend on who won.
 */
@Timeout(300)
class MutexLincheckTest {

    @Test
    void exclusion() {
        new ModelCheckingOptions()
                .threads(3)
                .actorsPerThread(3)
                .iterations(4)
                .invocationsPerIteration(100)
                .sequentialSpecification(Model.class)
                .check(Ops.class);
    }

    /** The operations under test, on a real mutex. */
    public static class Ops {
        private final Mutex mu = new Mutex();
        private final AtomicInteger inside = new AtomicInteger();
        private int counter; // guarded by mu

        @Operation(blocking = true)
        public int increment() {
            mu.lock();
            try {
                return counter++;
            } finally {
                mu.unlock();
            }
        }

        @Operation
        public boolean tryEnter() {
            if (!mu.tryLock()) return true;
            try {
                boolean alone = inside.incrementAndGet() == 1;
                inside.decrementAndGet();
                return alone;
            } finally {
                mu.unlock();
            }
        }
    }

    /** The sequential model: a counter; nobody is ever inside with another. */
    public static final class Model {
        private int counter;

        public int increment() {
            return counter++;
        }

        public boolean tryEnter() {
            return true;
        }
    }
}
