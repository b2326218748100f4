package go4j.agent;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The call target tests instrument with instead of {@code go4j.Go.checkpoint()}: it counts,
 * so a test can see that a checkpoint runs once per loop iteration.
 */
public final class CheckpointProbe {
    /** Calls so far; tests reset it. */
    public static final AtomicLong CALLS = new AtomicLong();

    private CheckpointProbe() {}

    /** The probe: same shape as {@code Go.checkpoint()}, static, no arguments, void. */
    public static void hit() {
        CALLS.incrementAndGet();
    }

    /** An inserter whose calls go to {@link #hit()}. */
    static CheckpointInserter inserter(boolean atEntry) {
        return new CheckpointInserter("go4j/agent/CheckpointProbe", "hit", atEntry, false);
    }

    /** An inserter whose calls go to {@link #hit()}, with loop checkpoints only and {@code chunk} for strip-mining and budgets. */
    static CheckpointInserter inserterWithChunk(int chunk) {
        return new CheckpointInserter("go4j/agent/CheckpointProbe", "hit", false, false, chunk);
    }
}
