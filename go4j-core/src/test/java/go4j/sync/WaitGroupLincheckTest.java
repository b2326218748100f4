package go4j.sync;

import static go4j.LincheckScenarios.op;
import static go4j.LincheckScenarios.scenario;

import go4j.LincheckScenarios.Blocked;
import java.util.List;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checking of {@link WaitGroup} with Lincheck, through its public API on Lincheck's own
 * threads. Random scenarios would mostly misuse it (a negative counter, an await nobody ends), so
 * the scenarios are written by hand: the counter set before, then done calls racing awaits, each
 * able to finish in every interleaving. A lost wake-up shows up as a deadlock, an await that
 * returns early as a result no linearization explains (the model refuses an await before the
 * counter is zero).
 */
@Timeout(300)
class WaitGroupLincheckTest {

    @Test
    void doneRacingAwait() {
        ModelCheckingOptions options = new ModelCheckingOptions()
                .iterations(0) // only the scenarios below
                .invocationsPerIteration(100)
                .sequentialSpecification(Model.class);
        options.addCustomScenario(scenario(Ops.class, List.of(op("add", 2)),
                List.of(op("done")), List.of(op("done")), List.of(op("await"))));
        options.addCustomScenario(scenario(Ops.class, List.of(op("add", 1)),
                List.of(op("done")), List.of(op("await")), List.of(op("await"))));
        options.addCustomScenario(scenario(Ops.class, List.of(op("add", 2)),
                List.of(op("done"), op("await")), List.of(op("done")), List.of(op("await"), op("count"))));
        options.check(Ops.class);
    }

    /** The operations under test, on a real wait group. */
    public static class Ops {
        private final WaitGroup wg = new WaitGroup();
        private int finished; // written before each done: an await that returns must see them all

        @Operation
        public void add(int delta) {
            wg.add(delta);
        }

        @Operation
        public void done() {
            synchronized (this) {
                finished++;
            }
            wg.done();
        }

        /** Waits, then says how many done calls it saw finished. */
        @Operation(blocking = true)
        public int await() {
            wg.await();
            synchronized (this) {
                return finished;
            }
        }

        @Operation
        public synchronized int count() {
            return finished;
        }
    }

    /** The sequential model: a counter; await is refused until it is zero. */
    public static final class Model {
        private int counter;
        private int finished;

        public void add(int delta) {
            counter += delta;
        }

        public void done() {
            if (counter == 0) throw new IllegalStateException("sync: negative WaitGroup counter");
            counter--;
            finished++;
        }

        public int await() {
            if (counter != 0) throw new Blocked();
            return finished;
        }

        public int count() {
            return finished;
        }
    }
}
