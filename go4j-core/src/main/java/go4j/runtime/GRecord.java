package go4j.runtime;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * What the runtime keeps about a goroutine apart from its thread: id, parent, creation site, and
 * the wait it is blocked in. It refers to the thread only weakly, and the registry of all
 * goroutines ({@link Allgs}) holds it strongly, so when a goroutine blocked on a channel or lock
 * that nothing alive can reach is collected, this record is what is left to report it with (see
 * {@link LeakDetector}).
 *
 * <p>The wait fields are written by the goroutine itself as it blocks and unblocks (plain writes;
 * dumps and the leak detector read them racily, which is all a snapshot needs).
 */
final class GRecord extends WeakReference<Thread> {
    final long goid;
    /** The goroutine that created this one, 0 when created from a platform thread. */
    final long parentGoid;
    /** Where the go statement was: "Foo.main(Foo.java:12)"; null when not recorded. */
    final String site;
    /** Go's wait reason while blocked in a go4j primitive ("chan receive", ...), else null. */
    String waitReason;
    /** Where the primitive of that wait was made ({@link PrimitiveSites}); null when not recorded. */
    String waitSite;
    /** When the wait began (coarse clock, ns). */
    long waitSince;
    /** The JFR park event begun as this wait started, while one is being recorded; else null. Owned by the goroutine. */
    Object parkEvent;
    /**
     * True once the goroutine ended normally: not a leak, whatever the GC does next. Plain: it is
     * written before the record leaves the registry (under the stripe's lock), and whoever acts on
     * a leak must first take the record out of the registry, so it sees the write.
     */
    boolean exited;
    /** Registry links, guarded by the registry stripe's lock. */
    GRecord prev, next;

    GRecord(Thread thread, ReferenceQueue<Thread> queue, long goid, long parentGoid, String site) {
        super(thread, queue);
        this.goid = goid;
        this.parentGoid = parentGoid;
        this.site = site;
    }

    /** Go's "created by" line. */
    String createdBy() {
        String where = site == null ? "?" : site;
        return parentGoid == 0 ? "created by " + where : "created by " + where + " in goroutine " + parentGoid;
    }
}
