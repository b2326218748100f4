package go4j;

import java.time.Duration;

/**
 * A goroutine that can never run again: it was blocked in a go4j primitive (channel, select,
 * mutex, wait group, ...) that nothing alive could reach any more, and the garbage collector has
 * taken it. As Go's goroutineleak profile, go4j proves the leak with the collector rather than
 * guessing from how long a goroutine has waited.
 *
 * @param goid       the goroutine's id
 * @param waitReason what it was blocked in, in Go's words ("chan receive", "sync.Mutex.Lock", ...),
 *                   or "unknown" if it was blocked outside go4j's primitives
 * @param blocked    how long it had been blocked when the leak was found (coarse, to ~10 ms)
 * @param madeAt     where the channel or primitive it was blocked on was made ("Foo.run(Foo.java:7)";
 *                   for a select, its channels' sites, comma-separated), or null when that was not
 *                   recorded: sites come from the go4j agent, or from a stack walk with
 *                   {@code -Dgo4j.primitiveSites=walk}
 * @param createdBy  Go's "created by ..." line: where its {@code go(...)} was, and in which goroutine
 */
public record Leak(long goid, String waitReason, Duration blocked, String madeAt, String createdBy) {
    /**
     * One line: {@code goroutine 12 [chan receive, 3s]: on a channel made at Foo.run(Foo.java:7);
     * created by Foo.main(Foo.java:9) in goroutine 1}.
     */
    @Override
    public String toString() {
        String on = madeAt == null ? "" : "on " + primitive(waitReason) + " made at " + madeAt + "; ";
        return "goroutine " + goid + " [" + waitReason + ", " + go4j.runtime.GoDuration.rounded(blocked) + "]: " + on + createdBy;
    }

    /** What a goroutine with this wait reason was blocked on, in words. */
    private static String primitive(String waitReason) {
        go4j.runtime.WaitReason r = go4j.runtime.WaitReason.ofWords(waitReason);
        return r == null || r.noun == null ? "a primitive" : r.noun;
    }
}
