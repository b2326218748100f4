package go4j.sync;

import go4j.runtime.WaitReason;
import go4j.runtime.PrimitiveSites;
import java.util.Objects;

/**
 * A condition variable: a rendezvous point for goroutines waiting for or announcing an event
 * (Go's {@code sync.Cond}). Each Cond has a {@link Locker} {@link #l}, held while changing the
 * condition and while calling {@link #await()}.
 *
 * <p>Waiters are woken in FIFO order: {@link #signal()} wakes the goroutine that has waited
 * longest (in the order of their {@code await} calls). As in Go, a woken waiter re-acquires the
 * lock before returning and must re-check its condition in a loop. An interrupt does not end
 * {@code await}; the interrupt status is kept. For most simple cases a channel is better, as Go's
 * documentation says.
 */
public final class Cond {
    /** The lock held while observing or changing the condition (Go's L). */
    public final Locker l;
    /** Tickets and parked waiters. */
    private final NotifyList notifyList = new NotifyList();

    /** Creates a Cond with lock {@code l}. */
    public Cond(Locker l) {
        this.l = Objects.requireNonNull(l, "l");
        if (PrimitiveSites.walking()) notifyList.site = PrimitiveSites.caller();
    }

    static {
        PrimitiveSites.install(Cond.class, (c, site) -> ((Cond) c).notifyList.site = site);
    }

    /**
     * Atomically unlocks {@link #l} and parks; re-locks {@link #l} before returning (Go's Wait).
     * Returns only after {@link #signal()} or {@link #broadcast()} woke this goroutine.
     */
    public void await() {
        int t = notifyList.add();
        l.unlock();
        notifyList.await(t, WaitReason.COND_WAIT);
        l.lock();
    }

    /** Wakes the longest-waiting goroutine, if any. The caller may but need not hold {@link #l}. */
    public void signal() {
        notifyList.wakeOne();
    }

    /** Wakes every waiting goroutine. The caller may but need not hold {@link #l}. */
    public void broadcast() {
        notifyList.wakeAll();
    }

    /** Test hook: goroutines parked in await. */
    int parked() {
        return notifyList.parked();
    }
}
