package go4j.sync;

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
 * <h2>Adding a context-aware acquire</h2>
 * Waiters sit in a doubly linked queue and are granted only by {@link #notifyWaiters()} under the
 * monitor, so an acquire that gives up (its context was cancelled) can take itself out: under the
 * monitor, if its waiter was already granted it keeps the units and releases them; otherwise it
 * unlinks the waiter and, if it was at the front, calls {@code notifyWaiters()} because the
 * smaller waiters behind it may fit now.
 */
public final class Semaphore {
    /** Total units; final. */
    private final long size;
    /** Units held; guarded by {@code this}. Invariant: 0 <= cur <= size. */
    private long cur;
    /** FIFO queue of waiters, each with the units it wants in {@code value}; guarded by {@code this}. */
    private Waiter head, tail;

    /**
     * Creates a semaphore with {@code n} units.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public Semaphore(long n) {
        if (n < 0) throw new IllegalArgumentException("semaphore: negative size " + n);
        this.size = n;
    }

    /**
     * Acquires {@code n} units, parking until they are available and every earlier waiter has
     * been served. {@code n} larger than the size parks forever, as in Go.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public void acquire(long n) {
        checkWeight(n);
        Waiter w;
        synchronized (this) {
            if (size - cur >= n && head == null) {
                cur += n;
                return;
            }
            if (n > size) {
                w = null; // doomed: never queue, so nobody waits behind it
            } else {
                w = new Waiter(Waiter.SEMACQUIRE);
                w.value = n;
                enqueue(w);
            }
        }
        if (w == null) Waiter.parkForever(Waiter.SEMACQUIRE);
        w.park();
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
        // Wake outside the monitor; notifyWaiters chained the granted waiters through next.
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
            last = w;
            head = w.next;
        }
        if (last == null) return null;
        if (head == null) tail = null;
        else head.prev = null;
        last.next = null;
        return first;
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
