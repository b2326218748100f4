package go4j.runtime;

import java.lang.invoke.VarHandle;

/**
 * Taking a P away from its M: retirement, and what is built on it (Go's {@code retake} and
 * {@code handoffp}, {@code entersyscallblock}/{@code exitsyscall}, {@code procresize}).
 *
 * <p>Only the M holding a P writes its ring, so a P is never passed on from an M that might still
 * run goroutines on it. Instead it is <em>retired</em>: marked, and replaced in {@link Sched#allp}
 * by a stand-in with the same id and counters, which takes over its queued work and goes to
 * another M ({@link #handoffp}). The M that held the retired P notices the next time it schedules
 * ({@link #dropRetired}); the P, once no M holds it, is kept as a <em>spare</em> to stand in
 * again later ({@link #recycle}), so {@code Go.syscall} does not allocate a P per call.
 *
 * <p>Three callers retire Ps: sysmon, for an M blocked inside a goroutine while work waits
 * ({@link #retake}); {@code Go.syscall}, which announces the block itself
 * ({@link #entersyscall}); and a GOMAXPROCS shrink ({@link #procresize}).
 */
final class Handoff {
    private final Sched sched;
    /** Retired Ps whose M has let go, by id, ready to stand in again. Guarded by sched.lock. */
    private P[] spare = new P[0];

    Handoff(Sched sched) {
        this.sched = sched;
    }

    /** Racy: whether goroutines wait that {@code p}'s M would run if it were not stuck. */
    boolean workWaitsFor(P p) {
        return p.hasWork() || (sched.globrunq.size() > 0 && sched.idle.npidle == 0);
    }

    /**
     * Sysmon found {@code m} blocked inside a goroutine while work waits: retire its P and give a
     * fresh one, with the old one's queue, to another M (Go's retake). Returns false if the P
     * moved on meanwhile.
     */
    boolean retake(P old, M m) {
        P fresh;
        sched.lock.lock();
        try {
            if (old.retired || old.m != m) return false;
            fresh = replace(old);
        } finally {
            sched.lock.unlock();
        }
        moveWork(old, fresh, new Object[sched.queueCapacity]);
        sched.handoffs.increment();
        handoffp(fresh);
        return true;
    }

    /**
     * Go's entersyscallblock: the calling goroutine is about to block its carrier. Its P is
     * retired and a fresh one, with the queue, goes to another M at once. Returns the fresh P (for
     * {@link #exitsyscall}), or null when the caller is not one of our goroutines holding a P.
     */
    P entersyscall() {
        M m = sched.currentM();
        if (m == null) return null;
        P p = m.p;
        if (p == null || p.retired) return null;
        P fresh;
        sched.lock.lock();
        try {
            fresh = replace(p);
        } finally {
            sched.lock.unlock();
        }
        moveWork(p, fresh, m.batch);
        sched.syscalls.increment();
        handoffp(fresh);
        return fresh;
    }

    /**
     * Go's exitsyscall: take back the P handed off at entry if it is still idle (the fast path),
     * else any idle P; with none, yield: the goroutine waits in the global queue for an M with a P.
     */
    void exitsyscall(P handedOff) {
        M m = sched.currentM();
        if (m == null) return;
        P mine;
        sched.lock.lock();
        try {
            if (handedOff != null && !handedOff.retired && sched.idle.pidleremove(handedOff)) {
                mine = handedOff;
            } else {
                mine = sched.idle.pidleget();
            }
        } finally {
            sched.lock.unlock();
        }
        if (mine != null) {
            P old = m.p;
            if (old != null) {
                drainToGlobal(old, m.batch); // whatever was readied onto it before it was retired
                sched.releasep(m);
                recycle(old);
            }
            sched.acquirep(m, mine);
            sched.sysmon.wake();
            if (old != null) {
                VarHandle.fullFence();
                if (sched.globrunq.size() > 0) sched.wakep(); // or what was drained waits until this goroutine next parks
            }
            return;
        }
        Sched.goschedImpl(m); // our P is retired: the M lets it go and parks or finds another
    }

    /** Runs a call that blocks the carrier, with the P handed off around it (see entersyscall). */
    <T> T syscall(java.util.concurrent.Callable<T> call) throws Exception {
        P handedOff = entersyscall();
        Object event = JfrEvents.syscallBegin(handedOff);
        try {
            return call.call();
        } finally {
            if (handedOff != null) exitsyscall(handedOff);
            JfrEvents.syscallEnd(event);
        }
    }

    /**
     * Sets the number of Ps (Go's procresize), returning the previous one. Growing adds idle Ps;
     * shrinking retires the Ps with the highest ids: an idle one at once, a busy one when its M
     * next schedules. Their queued work moves to the global queue; nothing is lost.
     */
    int procresize(int n) {
        if (n < 1) return sched.gomaxprocs();
        int old;
        sched.lock.lock();
        try {
            P[] ps = sched.allp;
            old = ps.length;
            if (n == old) return old;
            P[] next = new P[n];
            System.arraycopy(ps, 0, next, 0, Math.min(n, old));
            for (int i = old; i < n; i++) {
                next[i] = new P(i, sched.queueCapacity);
                sched.idle.pidleput(next[i]);
            }
            Object[] batch = new Object[sched.queueCapacity];
            for (int i = n; i < old; i++) {
                P p = ps[i];
                p.retired = true;
                if (sched.idle.pidleremove(p)) drainToGlobal(p, batch);
            }
            sched.allp = next;
        } finally {
            sched.lock.unlock();
        }
        VarHandle.fullFence();
        if (sched.globrunq.size() > 0) sched.wakep();
        return old;
    }

    /** Under lock: retires {@code old} and puts a stand-in with the same id into allp. */
    private P replace(P old) {
        assert sched.lock.isHeldByCurrentThread();
        P[] ps = sched.allp;
        P fresh = old.id < spare.length && spare[old.id] != null ? spare[old.id] : new P(old.id, sched.queueCapacity);
        if (old.id < spare.length) spare[old.id] = null;
        fresh.retired = false;
        Preempt.unmark(fresh);
        fresh.inherit(old); // to the outside it is the same P: its counters go on
        old.retired = true;
        Preempt.unmark(old); // as before, when sysmon stopped counting it: its goroutine may run on until it parks
        P[] next = ps.clone();
        next[old.id] = fresh;
        sched.allp = next;
        return fresh;
    }

    /** A retired P that no M holds any more can stand in again later. */
    void recycle(P p) {
        sched.lock.lock();
        try {
            recycleLocked(p);
        } finally {
            sched.lock.unlock();
        }
    }

    void recycleLocked(P p) {
        assert sched.lock.isHeldByCurrentThread();
        if (p.id >= sched.allp.length) return; // removed by a GOMAXPROCS shrink
        if (p.id >= spare.length) spare = java.util.Arrays.copyOf(spare, sched.allp.length);
        spare[p.id] = p;
    }

    /** Moves everything queued on {@code from} (not its runnext order) to {@code to}, which nobody runs yet. */
    private void moveWork(P from, P to, Object[] batch) {
        Runnable next = from.lvRunnext();
        if (next != null && from.casRunnext(next, null)) to.casRunnext(null, next);
        int n;
        while ((n = from.runq.drainAll(batch)) > 0) {
            for (int i = 0; i < n; i++) {
                if (!to.runq.offer((Runnable) batch[i])) sched.globrunq.put((Runnable) batch[i]);
                batch[i] = null;
            }
        }
    }

    /** Go's handoffp: a P whose M is gone gets a new M if there is work for it, else goes idle. */
    void handoffp(P p) {
        if (p.hasWork() || sched.globrunq.size() > 0) {
            sched.startm(p, false);
            return;
        }
        sched.lock.lock();
        try {
            sched.idle.pidleput(p);
        } finally {
            sched.lock.unlock();
        }
        VarHandle.fullFence();
        if (sched.anyWork()) sched.wakep();
    }

    /** The M's P was retired: move what is left on it to the global queue and let it go. */
    void dropRetired(M m, P p) {
        drainToGlobal(p, m.batch);
        sched.releasep(m);
        recycle(p);
        VarHandle.fullFence();
        sched.wakep();
    }

    private void drainToGlobal(P p, Object[] batch) {
        Runnable next = p.lvRunnext();
        if (next != null && p.casRunnext(next, null)) sched.globrunq.put(next);
        int n;
        while ((n = p.runq.drainAll(batch)) > 0) sched.globrunq.putBatch(batch, n);
    }
}
