package go4j.runtime;

import java.util.concurrent.ConcurrentHashMap;

/**
 * LockOSThread: goroutines wired to an M (Go's {@code lockOSThread}, {@code stoplockedm},
 * {@code startlockedm}).
 *
 * <p>A locked goroutine runs only on its M, and that M runs nothing else. When the goroutine
 * parks, its M hands its P on and sleeps ({@link #stoplockedm}); whichever M later finds the
 * goroutine's continuation runnable hands it, with its own P, to the locked M and stops
 * ({@link #startlockedm}). A locked goroutine that only yields is resubmitted on its own M, which
 * runs it again at once ({@code Sched.execute} sets {@link M#lockedReady}).
 */
final class LockedMs {
    private final Sched sched;
    /** Goroutines wired to an M: their continuation, and the M. */
    private final ConcurrentHashMap<Runnable, M> lockedm = new ConcurrentHashMap<>();
    /** lockedm's size, read on the hot path: schedule looks the map up only when it is not zero. */
    volatile int nlocked;

    LockedMs(Sched sched) {
        this.sched = sched;
    }

    /** Wires the calling goroutine to its M (Go's LockOSThread; calls nest). No-op on a platform thread. */
    void lockOSThread() {
        M m = sched.currentM();
        if (m == null) return;
        if (m.lockedCount++ == 0) {
            Runnable cont = VirtualThreadHook.taskOf(Thread.currentThread());
            m.lockedCont = cont;
            lockedm.put(cont, m);
            nlocked = lockedm.size();
        }
    }

    /** Undoes one lockOSThread; the goroutine is free to move when the count reaches zero. */
    void unlockOSThread() {
        M m = sched.currentM();
        if (m == null || m.lockedCount == 0) return;
        if (--m.lockedCount == 0) {
            lockedm.remove(m.lockedCont);
            nlocked = lockedm.size();
            m.lockedCont = null;
        }
    }

    /**
     * The M's locked goroutine stopped running here (Go's stoplockedm). If it only yielded, it
     * runs again at once; otherwise the M hands its P on and sleeps until another M, having found
     * the goroutine runnable, hands it a P back together with the goroutine.
     */
    Runnable stoplockedm(M m) {
        if (m.lockedReady) {
            m.lockedReady = false;
            m.inheritTime = false;
            return m.lockedCont;
        }
        P p = m.p;
        if (p != null) {
            sched.releasep(m);
            if (p.retired) sched.handoff.recycle(p); else sched.handoff.handoffp(p);
        }
        P handed = m.awaitP();
        sched.acquirep(m, handed);
        m.spinning = false;
        m.inheritTime = false;
        Runnable cont = m.nextCont;
        m.nextCont = null;
        return cont;
    }

    /**
     * {@code cont} belongs to a goroutine locked to another M: hand it our P and the
     * continuation, and stop (Go's startlockedm). Returns false when it is free to run here.
     */
    boolean startlockedm(M m, Runnable cont) {
        M owner = lockedm.get(cont);
        if (owner == null || owner == m) return false;
        P p = m.p;
        sched.releasep(m);
        owner.nextCont = cont;
        owner.wake(p, false);
        sched.stopm(m);
        return true;
    }
}
