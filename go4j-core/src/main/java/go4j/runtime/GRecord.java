package go4j.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * What the runtime keeps about a goroutine apart from its thread: id, parent, creation site, and
 * the wait it is blocked in. It refers to the thread only weakly, and the registry of all
 * goroutines ({@link Allgs}) holds it strongly, so when a goroutine blocked on a channel or lock
 * that nothing alive can reach is collected, this record is what is left to report it with (see
 * {@link LeakDetector}).
 *
 * <p>A record leaves the registry only after it stops being {@link #live}: it ends ({@link #exit})
 * or is claimed as leaked ({@link #claimLeak}), whichever comes first.
 *
 * <p>The wait fields are written by the goroutine itself as it blocks and unblocks (plain writes;
 * dumps and the leak detector read them racily, which is all a snapshot needs).
 */
final class GRecord extends WeakReference<Thread> {
    private static final int LIVE = 0, EXITED = 1, LEAKED = 2;
    private static final VarHandle STATE;
    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(GRecord.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

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
     * LIVE, then EXITED (the goroutine ended: written by itself with a release store) or LEAKED
     * (the leak detector claimed it, by CAS from LIVE). A collected goroutine cannot be ending, so
     * the two never race for one that leaked; for one that ended, the detector's CAS sees EXITED
     * (see {@link #exit}).
     */
    @SuppressWarnings("unused") private int state;
    /** Where the registry keeps this record: written once by {@link Allgs} before it is published, then read only. */
    GRecord[] slots;
    int slot;

    GRecord(Thread thread, ReferenceQueue<Thread> queue, long goid, long parentGoid, String site) {
        super(thread, queue);
        this.goid = goid;
        this.parentGoid = parentGoid;
        this.site = site;
    }

    /**
     * The goroutine ended (called by itself). The state is stored before the referent is cleared,
     * so whoever finds the referent gone and then tries {@link #claimLeak} sees the end; clearing
     * it now spares the collector a dead reference to process and the detector a false alarm.
     */
    void exit() {
        STATE.setRelease(this, EXITED);
        VarHandle.storeStoreFence(); // the state before the clear
        clear();
    }

    /** Whether the goroutine ended normally. */
    boolean exited() { return (int) STATE.getAcquire(this) == EXITED; }

    /** Neither ended nor claimed as leaked. */
    boolean live() { return (int) STATE.getAcquire(this) == LIVE; }

    /** Claims this record as leaked; false when it ended or was claimed already. */
    boolean claimLeak() { return STATE.compareAndSet(this, LIVE, LEAKED); }

    /** Go's "created by" line. */
    String createdBy() {
        String where = site == null ? "?" : site;
        return parentGoid == 0 ? "created by " + where : "created by " + where + " in goroutine " + parentGoid;
    }
}
