package go4j.sync;

import go4j.runtime.WaitReason;
import go4j.Go;
import go4j.runtime.PrimitiveSites;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Waits for a collection of goroutines to finish: Go's {@code sync.WaitGroup}.
 *
 * <p>{@link #add(int)} or {@link #go(Runnable)} counts goroutines in, {@link #done()} counts
 * them out, {@link #await()} (Go's Wait; {@code wait} is taken by Object) parks until the
 * counter is zero. Calls to {@code add} with a positive delta that start when the counter is
 * zero must happen before {@code await}. A WaitGroup may be reused once every {@code await} of
 * the previous round has returned. An interrupt does not end {@code await}; the interrupt status
 * is kept.
 *
 * <p>State: one 64-bit word, the counter in the high 32 bits and the number of waiters in the
 * low 32 bits, so a waiter and the last {@code done} agree with a single CAS on who wakes whom.
 */
public final class WaitGroup {
    /** High 32 bits: counter; low 32 bits: waiters. Every goroutine reads and CASes it. */
    private final AtomicLong state = new AtomicLong();
    /** Where waiters park; released once per waiter when the counter reaches zero. */
    private final Sema sema = new Sema();

    /** Creates a WaitGroup with a zero counter. */
    public WaitGroup() {
        if (PrimitiveSites.walking()) sema.site = PrimitiveSites.caller();
    }

    static {
        PrimitiveSites.install(WaitGroup.class, (wg, site) -> ((WaitGroup) wg).sema.site = site);
    }

    /**
     * Adds {@code delta}, which may be negative, to the counter; when it reaches zero, every
     * goroutine parked in {@link #await()} is released.
     *
     * @throws IllegalStateException "sync: negative WaitGroup counter", or "sync: WaitGroup
     *     misuse: Add called concurrently with Wait" where the misuse is detected
     */
    public void add(int delta) {
        long s = state.addAndGet((long) delta << 32);
        int v = (int) (s >> 32);
        int waiters = (int) s;
        if (v < 0) {
            state.addAndGet(-((long) delta << 32)); // undo, so the message is the only effect
            throw new IllegalStateException("sync: negative WaitGroup counter");
        }
        if (waiters != 0 && delta > 0 && v == delta) {
            // The first add of a round raced with an await that already saw a zero counter.
            throw new IllegalStateException("sync: WaitGroup misuse: Add called concurrently with Wait");
        }
        if (v > 0 || waiters == 0) return;
        // The counter reached zero with waiters parked. Nobody may change the state now: adds
        // must not run concurrently with await, and new waiters see a zero counter and leave.
        if (state.get() != s) {
            throw new IllegalStateException("sync: WaitGroup misuse: Add called concurrently with Wait");
        }
        state.set(0); // reset the waiter count for the next round
        for (int i = 0; i < waiters; i++) sema.release();
    }

    /** Subtracts one from the counter. @throws IllegalStateException if it would go negative */
    public void done() {
        add(-1);
    }

    /** Parks until the counter is zero (Go's Wait). */
    public void await() {
        for (;;) {
            long s = state.get();
            if ((int) (s >> 32) == 0) return;
            if (state.compareAndSet(s, s + 1)) {
                sema.acquire(WaitReason.WAITGROUP_WAIT, false);
                if (state.get() != 0) {
                    throw new IllegalStateException(
                            "sync: WaitGroup is reused before previous Wait has returned");
                }
                return;
            }
        }
    }

    /**
     * Runs {@code f} in a new goroutine counted by this group (Go 1.25's WaitGroup.Go): adds one,
     * starts the goroutine with {@link Go#go(Runnable)}, which counts itself out when {@code f}
     * returns or throws.
     */
    public void go(Runnable f) {
        Objects.requireNonNull(f, "f");
        add(1);
        Go.go(() -> {
            try {
                f.run();
            } finally {
                done();
            }
        });
    }

    /** Test hook: the counter. */
    int counter() {
        return (int) (state.get() >> 32);
    }

    /** Test hook: the number of registered waiters. */
    int waiters() {
        return (int) state.get();
    }

    /** Test hook: goroutines parked in await. */
    int parked() {
        return sema.waiting();
    }

    /** Test hook: wakes one parked waiter without touching the state (what a racing reuse does). */
    void wakeOneForTest() {
        sema.release();
    }

    /** Test hook: forces the state word, to reach states only races produce. */
    void setStateForTest(int counter, int waiters) {
        state.set(((long) counter << 32) | (waiters & 0xFFFF_FFFFL));
    }
}
