package go4j.sync;

import go4j.runtime.PrimitiveSites;
import go4j.Chan;
import go4j.context.Context;
import go4j.context.ContextException;
import go4j.runtime.Bubble;
import go4j.runtime.Sudog;
import go4j.runtime.WaitQueue;
import go4j.runtime.WaitReason;
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
    private final WaitQueue waiters = new WaitQueue();
    /** Where this semaphore was made, for leak reports; null when not recorded. Written before it is shared. */
    private String site;
    /** The synctest bubble this semaphore was made in, or null: waits of its goroutines here are durable. Immutable. */
    private final Bubble bubble = Bubble.forNewPrimitive();

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
        boolean durable = Bubble.waitIsDurable(bubble);
        if (n > size) Sudog.parkForever(WaitReason.SEMACQUIRE, site, durable); // can never be granted: never queue, so nobody waits behind it
        Sudog w = acquireOrEnqueue(n, durable);
        if (w != null) w.await(site);
    }

    /** Takes {@code n} units if they are free and nobody waits (returns null); else queues a waiter and returns it. */
    private synchronized Sudog acquireOrEnqueue(long n, boolean durable) {
        if (size - cur >= n && waiters.peek() == null) {
            cur += n;
            return null;
        }
        Sudog w = new Sudog.Numbered(WaitReason.SEMACQUIRE, durable, n);
        waiters.enqueue(w);
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
            if (done == null) Sudog.parkForever(WaitReason.SEMACQUIRE, site, false);
            done.recv();
            throw ctx.err();
        }
        // Not durable in a bubble (null): a grant and a cancellation can both wake it.
        Sudog w = acquireOrEnqueue(n, false);
        if (w == null) return;
        // Park until granted or ctx is done; cancellation wakes us from a goroutine of its own.
        Context.AfterFunc wake = Context.afterFunc(ctx, () -> LockSupport.unpark(w.thread));
        w.await(site, () -> ctx.err() != null);
        wake.stop();
        ContextException err = ctx.err();
        if (err == null) return; // granted, and ctx is still live
        Sudog granted;
        synchronized (this) {
            if (!WaitQueue.queued(w)) {
                // Granted (perhaps not yet told): pretend it was not, give the units back.
                cur -= n;
                granted = notifyWaiters();
            } else {
                boolean front = waiters.peek() == w;
                waiters.remove(w);
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
            if (size - cur >= n && waiters.peek() == null) {
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
        Sudog granted;
        synchronized (this) {
            if (cur - n < 0) throw new IllegalStateException("semaphore: released more than held");
            cur -= n;
            granted = notifyWaiters();
        }
        wakeAll(granted);
    }

    /** Wakes waiters chained by {@link #notifyWaiters()}; called outside the monitor. */
    private static void wakeAll(Sudog granted) {
        while (granted != null) {
            Sudog next = granted.waitlink();
            granted.waitlink(null);
            granted.ready();
            granted = next;
        }
    }

    /**
     * Takes the front waiters that fit off the queue, adds their units to {@code cur}, and
     * returns them in queue order, chained through {@code waitlink}. Stops at the first waiter
     * that does not fit, even if later ones would (no starvation of large waiters). Caller holds
     * the monitor.
     */
    private Sudog notifyWaiters() {
        Sudog first = null, last = null;
        for (Sudog w; (w = waiters.peek()) != null && size - cur >= weight(w); last = w) {
            waiters.dequeue();
            cur += weight(w);
            if (last == null) first = w; else last.waitlink(w);
        }
        return first;
    }

    /** The units waiter {@code w} asks for. */
    private static long weight(Sudog w) {
        return ((Sudog.Numbered) w).value;
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
        return waiters.size();
    }
}
