package go4j.sync;

import go4j.runtime.PrimitiveSites;
import go4j.Chan;
import go4j.context.Context;
import go4j.context.ContextException;
import go4j.runtime.Park;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A weighted semaphore: a pool of {@code size} units that goroutines acquire and release in
 * amounts (golang.org/x/sync/semaphore's {@code Weighted}).
 *
 * <p>Waiters are served strictly FIFO: a waiter at the front that asks for more units than are
 * free blocks the smaller requests behind it even when they would fit, so a large request is
 * never starved by a stream of small ones. {@link #tryAcquire(long)} likewise fails while anyone
 * waits.
 *
 * <p>As in Go, {@link #acquire(long)} of more than {@code size} units can never succeed and
 * parks forever (Go waits for its context to be done, and the background context never is); it
 * does not join the queue, so it does not block anyone else. Waiting goroutines park with reason
 * "semacquire"; an interrupt does not end the wait and the interrupt status is kept.
 *
 * <h2>Acquiring under a context</h2>
 * {@link #acquire(Context, long)} is x/sync's {@code Acquire(ctx, n)}: it gives up with
 * {@code ctx.err()} when the context is done first. Waiters sit in a doubly linked queue and are
 * granted only by {@link #notifyWaiters()} under the monitor, which also unlinks them (so a
 * waiter is queued exactly when it is the head or has a {@code prev}). A waiter that gives up
 * settles under the monitor: if it was granted meanwhile it gives the units back; otherwise it
 * unlinks itself and, if it was at the front, serves the waiters behind it that may fit now.
 */
public final class Semaphore {
    /** Total units; final. */
    private final long size;
    /** Units held; guarded by {@code this}. Invariant: 0 <= cur <= size. */
    private long cur;
    /** FIFO queue of waiters, each with the units it wants in {@code value}; guarded by {@code this}. */
    private Waiter head, tail;
    /** Where this semaphore was made, for leak reports; null when not recorded. Written before it is shared. */
    private String site;
    /** The synctest bubble this semaphore was made in, or null: waits of its goroutines here are durable. Immutable. */
    private final go4j.runtime.Bubble bubble = go4j.runtime.Bubble.forNewPrimitive();

    /**
     * Creates a semaphore with {@code n} units.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public Semaphore(long n) {
        if (n < 0) throw new IllegalArgumentException("semaphore: negative size " + n);
        this.size = n;
        if (PrimitiveSites.walking()) site = PrimitiveSites.caller();
    }

    static {
        PrimitiveSites.install(Semaphore.class, (s, site) -> ((Semaphore) s).site = site);
    }

    /**
     * Acquires {@code n} units, parking until they are available and every earlier waiter has
     * been served. {@code n} larger than the size parks forever, as in Go.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public void acquire(long n) {
        checkWeight(n);
        if (n > size) Waiter.parkForever(Waiter.SEMACQUIRE, site, bubble); // can never be granted: never queue, so nobody waits behind it
        Waiter w = acquireOrEnqueue(n, bubble);
        if (w != null) w.park(site);
    }

    /** Takes {@code n} units if they are free and nobody waits (returns null); else queues a waiter and returns it. */
    private synchronized Waiter acquireOrEnqueue(long n, go4j.runtime.Bubble durableIn) {
        if (size - cur >= n && head == null) {
            cur += n;
            return null;
        }
        Waiter w = new Waiter(Waiter.SEMACQUIRE, durableIn);
        w.value = n;
        enqueue(w);
        return w;
    }

    /**
     * Acquires {@code n} units as {@link #acquire(long)} does, giving up if {@code ctx} is done
     * first (x/sync's {@code Acquire(ctx, n)}). A context that is already done fails even if the
     * units are free. While waiting, a cancellation takes the waiter out of the queue (which may
     * let smaller waiters behind it through); if the units were granted at the same moment, they
     * are given back and the call still fails, so a call that throws never holds units.
     * {@code n} larger than the size waits for {@code ctx} alone. Interrupts do not end the wait
     * (the status is kept).
     *
     * @throws ContextException        {@code ctx.err()}: nothing was acquired
     * @throws IllegalArgumentException if {@code n < 0}
     * @throws NullPointerException     if {@code ctx} is null
     */
    public void acquire(Context ctx, long n) {
        Objects.requireNonNull(ctx, "ctx");
        checkWeight(n);
        // Done before we got here: fail even if the units are free (as Go does).
        ContextException already = ctx.err();
        if (already != null) throw already;
        if (n > size) { // can never be granted: wait for ctx alone, without queueing
            Chan<Void> done = ctx.done();
            if (done == null) Waiter.parkForever(Waiter.SEMACQUIRE, site);
            done.recv();
            throw ctx.err();
        }
        // Not durable in a bubble (null): a grant and a cancellation can both wake it.
        Waiter w = acquireOrEnqueue(n, null);
        if (w == null) return;
        // Park until granted or ctx is done; cancellation wakes us from a goroutine of its own.
        Context.AfterFunc wake = Context.afterFunc(ctx, () -> LockSupport.unpark(w.thread));
        boolean interrupted = false;
        Park.waiting(Waiter.SEMACQUIRE, site);
        while (!w.isGranted() && ctx.err() == null) {
            LockSupport.park(w);
            if (Thread.currentThread().isInterrupted() && Thread.interrupted()) interrupted = true; // read first: clearing takes a lock
        }
        Park.running();
        wake.stop();
        if (interrupted) Thread.currentThread().interrupt();
        ContextException err = ctx.err();
        if (err == null) return; // granted, and ctx is still live
        Waiter granted;
        synchronized (this) {
            if (!queued(w)) {
                // Granted (perhaps not yet told): pretend it was not, give the units back.
                cur -= n;
                granted = notifyWaiters();
            } else {
                boolean front = head == w;
                unlink(w);
                granted = front && size > cur ? notifyWaiters() : null;
            }
        }
        wakeAll(granted);
        throw err;
    }

    /**
     * Acquires {@code n} units if they are free and nobody is waiting, without parking.
     *
     * @return whether the units were acquired
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public boolean tryAcquire(long n) {
        checkWeight(n);
        synchronized (this) {
            if (size - cur >= n && head == null) {
                cur += n;
                return true;
            }
            return false;
        }
    }

    /**
     * Releases {@code n} units and serves the waiters at the front that now fit.
     *
     * @throws IllegalStateException "semaphore: released more than held"
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public void release(long n) {
        checkWeight(n);
        Waiter granted;
        synchronized (this) {
            if (cur - n < 0) throw new IllegalStateException("semaphore: released more than held");
            cur -= n;
            granted = notifyWaiters();
        }
        wakeAll(granted);
    }

    /** Wakes waiters chained by {@link #notifyWaiters()}; called outside the monitor. */
    private static void wakeAll(Waiter granted) {
        while (granted != null) {
            Waiter next = granted.next;
            granted.next = null;
            granted.grant();
            granted = next;
        }
    }

    /**
     * Takes the front waiters that fit off the queue, adds their units to {@code cur}, and
     * returns them chained through {@code next}. Stops at the first waiter that does not fit,
     * even if later ones would (no starvation of large waiters). Caller holds the monitor.
     */
    private Waiter notifyWaiters() {
        Waiter first = head;
        Waiter last = null;
        while (head != null && size - cur >= head.value) {
            Waiter w = head;
            cur += w.value;
            w.prev = null; // unqueued: see queued()
            last = w;
            head = w.next;
        }
        if (last == null) return null;
        if (head == null) tail = null;
        else head.prev = null;
        last.next = null;
        return first;
    }

    /** Whether {@code w} is still in the queue (not granted). Caller holds the monitor. */
    private boolean queued(Waiter w) {
        return head == w || w.prev != null;
    }

    /** Takes a queued {@code w} out of the queue. Caller holds the monitor. */
    private void unlink(Waiter w) {
        Waiter p = w.prev, q = w.next;
        if (p == null) head = q;
        else p.next = q;
        if (q == null) tail = p;
        else q.prev = p;
        w.prev = w.next = null;
    }

    private void enqueue(Waiter w) {
        if (tail == null) {
            head = tail = w;
        } else {
            w.prev = tail;
            tail.next = w;
            tail = w;
        }
    }

    private static void checkWeight(long n) {
        if (n < 0) throw new IllegalArgumentException("semaphore: negative weight " + n);
    }

    /** Units currently held. */
    synchronized long held() {
        return cur;
    }

    /** Test hook: queued waiters. */
    synchronized int waiting() {
        int k = 0;
        for (Waiter w = head; w != null; w = w.next) k++;
        return k;
    }
}
