package go4j.runtime;

import java.util.ArrayDeque;

/**
 * The idle lists: Ps nobody holds and Ms parked without a P (Go's {@code sched.pidle} and
 * {@code sched.midle}, with {@code pidleget}/{@code pidleput} and {@code mget}/{@code mput}).
 *
 * <p>Both lists are guarded by the scheduler's {@link Sched#lock}; every method here but
 * {@link #acquireIdleP} expects the caller to hold it. {@link #npidle} and {@link #nmidle} mirror
 * the sizes for racy reads without the lock ({@code wakep} reads {@code npidle} on every readying).
 * An M parks and is woken through {@link M#awaitP} and {@link M#wake}: the waker takes it off
 * {@code midle} and hands it a P.
 */
final class Idle {
    private final Sched sched;
    /** Idle Ps. Guarded by sched.lock. */
    private final ArrayDeque<P> pidle = new ArrayDeque<>();
    /** pidle's size; written under the lock, read racily. */
    volatile int npidle;
    /** Idle (parked) Ms. Guarded by sched.lock. */
    private final ArrayDeque<M> midle = new ArrayDeque<>();
    /** midle's size; written under the lock, read racily. */
    volatile int nmidle;

    /** Every P of a new scheduler starts idle. */
    Idle(Sched sched, P[] ps) {
        this.sched = sched;
        for (P p : ps) pidle.push(p);
        npidle = ps.length;
    }

    /** Under lock: an idle P, or null (Go's pidleget). */
    P pidleget() {
        assert sched.lock.isHeldByCurrentThread();
        P p = pidle.pollFirst();
        if (p != null) npidle = pidle.size();
        return p;
    }

    /**
     * Under lock: gives back a P nobody holds (Go's pidleput). A P retired meanwhile (GOMAXPROCS
     * shrank, or it was handed off) never enters the idle list, where a waker would count it and
     * hand it out: it becomes a spare.
     */
    void pidleput(P p) {
        assert sched.lock.isHeldByCurrentThread();
        if (p.retired) {
            sched.handoff.recycleLocked(p);
            return;
        }
        pidle.push(p);
        npidle = pidle.size();
    }

    /** Under lock: takes {@code p} off the idle list if it is there. */
    boolean pidleremove(P p) {
        assert sched.lock.isHeldByCurrentThread();
        if (!pidle.remove(p)) return false;
        npidle = pidle.size();
        return true;
    }

    /** Under lock: an idle M to hand a P to, or null (Go's mget). */
    M mget() {
        assert sched.lock.isHeldByCurrentThread();
        M m = midle.pollFirst();
        if (m != null) nmidle = midle.size();
        return m;
    }

    /** Under lock: takes every idle M off the list (the scheduler is closing). */
    M[] mdrain() {
        assert sched.lock.isHeldByCurrentThread();
        M[] ms = midle.toArray(new M[0]);
        midle.clear();
        nmidle = 0;
        return ms;
    }

    /** Under lock: {@code m} is about to park waiting for a P (Go's mput). */
    void mput(M m) {
        assert sched.lock.isHeldByCurrentThread();
        midle.push(m);
        nmidle = midle.size();
    }

    /** Takes an idle P for {@code m}, if there is one; takes the lock itself. */
    boolean acquireIdleP(M m) {
        P p;
        sched.lock.lock();
        try {
            p = pidleget();
        } finally {
            sched.lock.unlock();
        }
        if (p == null) return false;
        sched.acquirep(m, p);
        sched.sysmon.wake();
        return true;
    }

    /** Every P idle and nothing queued: sysmon may sleep deeply. */
    boolean allIdle() {
        return npidle == sched.allp.length && sched.globrunq.size() == 0;
    }
}
