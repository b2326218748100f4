package go4j.context;

import go4j.Chan;
import go4j.time.Time;
import go4j.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A context that can be cancelled: what {@link Context#withCancel}, {@link Context#withTimeout}
 * and {@link Context#withDeadline} return (Go's cancelCtx and timerCtx, with the CancelFunc as
 * {@link #cancel()}). It is {@link AutoCloseable}, and {@link #close()} cancels, so
 *
 * <pre>{@code
 * try (var ctx = Context.withTimeout(parent, Duration.ofMillis(100))) {
 *     return worker.call(ctx);
 * }
 * }</pre>
 *
 * is Go's {@code ctx, cancel := context.WithTimeout(parent, 100*time.Millisecond); defer cancel()}.
 *
 * <h2>Implementation</h2>
 * Each cancelable context is a node of the cancellation tree. It registers at creation with
 * {@link #parentCanceler}, the nearest cancelable ancestor (value contexts are skipped, a
 * {@code withoutCancel} boundary or a root means none), in that ancestor's {@link #children}.
 * Cancelling, under the node's monitor: set {@link #cause} and then {@link #err} (the
 * linearisation point), close {@link #done} (or install the shared closed channel if nobody asked
 * for one yet), cancel every child with the same error and cause, detach the children, stop the
 * deadline timer. Then, outside the monitor, unlink from the parent, so a cancelled child leaves
 * no trace in a long-lived parent.
 *
 * <p>Lock order: a parent's monitor before its child's (a parent cancels its children while
 * holding its own), and a context's monitor before the timer heap's lock. Nothing is taken in
 * the other order: unlinking from the parent happens after the child's monitor is released, and
 * the timer thread starts the expiry goroutine after releasing its lock. No monitor is held while
 * anything parks. (The monitor is that of this object: do not synchronize on contexts.)
 *
 * <p>Invariants: {@code err} goes from null to non-null once; once it is non-null, the done
 * channel (if any) is closed, {@code children} and {@code timer} are null, and every descendant
 * registered here has been cancelled.
 */
public sealed class CancelableContext extends Context implements AutoCloseable
        permits CancelCauseContext, AfterFuncContext {

    /** The done channel of contexts cancelled before anyone asked for theirs (Go's closedchan). */
    private static final Chan<Void> CLOSED = closedChan();

    /** Where this context registered as a child; null if no ancestor can be cancelled. Immutable. */
    private final CancelableContext parentCanceler;
    /** This context's deadline: its own, or the one it inherited; null for none. Immutable. */
    final Instant deadline;
    /** Whether {@link #deadline} is this context's own (it prints as WithDeadline). Immutable. */
    private final boolean ownDeadline;
    /** Null while live; written once under the monitor (after {@link #cause}), read lock-free. */
    private volatile ContextException err;
    /** Written under the monitor before {@link #err}; read after reading a non-null err. */
    private Throwable cause;
    /** Created on first {@link #doneChan()} or at cancel; written under the monitor, read lock-free. */
    private volatile Chan<Void> done;
    /** Made outside any synctest bubble: its done channel, made lazily, must belong to none either. Immutable. */
    private final boolean outsideBubbles = go4j.runtime.Bubble.ofCaller() == null;
    /** Live registered descendants; created on the first, null again once cancelled. Guarded by the monitor. */
    private Set<CancelableContext> children;
    /** The pending deadline timer, or null. Guarded by the monitor. */
    private Timer timer;

    CancelableContext(Context parent, Instant deadline, boolean ownDeadline) {
        super(parent);
        this.parentCanceler = parent.canceler();
        this.deadline = deadline;
        this.ownDeadline = ownDeadline;
    }

    // ---- creation ---------------------------------------------------------------------------

    static CancelableContext newCancel(Context parent) {
        CancelableContext c = new CancelableContext(parent, parent.deadline().orElse(null), false);
        c.propagateCancel();
        return c;
    }

    /**
     * Go's WithDeadlineCause: a node with its own deadline, {@code nanos} from now on the
     * monotonic clock, whose timer cancels it with {@code cause}; or a plain child if the parent's
     * deadline comes first.
     */
    static CancelableContext newDeadline(Context parent, Instant deadline, long nanos, Throwable cause) {
        Instant current = parent.deadline().orElse(null);
        if (current != null && current.isBefore(deadline)) return newCancel(parent); // the parent's comes sooner
        CancelableContext c = new CancelableContext(parent, deadline, true);
        c.propagateCancel();
        if (nanos <= 0) {
            c.cancel(true, DEADLINE_EXCEEDED, cause); // already expired
            return c;
        }
        synchronized (c) {
            if (c.err == null) { // the parent may have cancelled it already
                c.timer = Time.afterFunc(Duration.ofNanos(nanos), () -> c.cancel(true, DEADLINE_EXCEEDED, cause));
            }
        }
        return c;
    }

    /** Registers with {@link #parentCanceler}, or takes its error at once if it is already done. */
    final void propagateCancel() {
        CancelableContext p = parentCanceler;
        if (p == null) return; // nothing above can be cancelled
        synchronized (p) {
            if (p.err != null) {
                cancel(false, p.err, p.cause); // parent before child: the lock order
            } else {
                if (p.children == null) p.children = new HashSet<>();
                p.children.add(this);
            }
        }
    }

    // ---- cancellation -----------------------------------------------------------------------

    /**
     * Cancels this context and its descendants with {@link Context#CANCELED}, stops its deadline
     * timer and unlinks it from its parent. Later calls do nothing (Go's CancelFunc).
     */
    public void cancel() {
        cancel(true, CANCELED, null);
    }

    /** Same as {@link #cancel()}: closing a context cancels it. */
    @Override
    public void close() {
        cancel();
    }

    /**
     * Go's cancelCtx.cancel: the first call sets the error and cause (a null cause means
     * {@code err}), closes the done channel, cancels the children and stops the timer; later
     * calls return at once. {@code removeFromParent} is false when the parent itself is
     * cancelling (it drops all its children at once).
     */
    void cancel(boolean removeFromParent, ContextException err, Throwable cause) {
        if (cause == null) cause = err;
        synchronized (this) {
            if (this.err != null) return; // already cancelled
            this.cause = cause;
            this.err = err;
            Chan<Void> d = done;
            if (d == null) {
                done = CLOSED;
            } else {
                try {
                    d.close();
                } catch (IllegalStateException closedByUser) {
                    // done() is receive-only by contract; someone closed it anyway: it is closed.
                }
            }
            Set<CancelableContext> kids = children;
            children = null;
            if (kids != null) for (CancelableContext k : kids) k.cancel(false, err, cause);
            if (timer != null) {
                timer.stop();
                timer = null;
            }
        }
        if (removeFromParent && parentCanceler != null) parentCanceler.removeChild(this);
    }

    private synchronized void removeChild(CancelableContext child) {
        if (children != null) children.remove(child);
    }

    // ---- state read by Context --------------------------------------------------------------

    @Override
    final CancelableContext canceler() {
        return this;
    }

    final Chan<Void> doneChan() {
        Chan<Void> d = done;
        if (d != null) return d;
        synchronized (this) {
            if (done == null) done = outsideBubbles ? go4j.runtime.Bubble.outside(Chan::make) : Chan.make(); // still live, else cancel installed CLOSED
            return done;
        }
    }

    final ContextException errValue() {
        return err;
    }

    final Throwable causeValue() {
        return err == null ? null : cause; // the volatile read of err orders the read of cause
    }

    // ---- printing ---------------------------------------------------------------------------

    /**
     * The parent followed by ".WithCancel", or by ".WithDeadline(deadline [time left])" for a
     * context with its own deadline, as Go prints them.
     */
    @Override
    public String toString() {
        if (!ownDeadline) return parent + ".WithCancel";
        long left = saturatedNanos(Duration.between(Time.now(), deadline));
        return parent + ".WithDeadline(" + deadline + " [" + go4j.runtime.GoDuration.format(left) + "])";
    }

    private static Chan<Void> closedChan() {
        Chan<Void> c = Chan.make();
        c.close();
        return c;
    }

    // ---- test hooks -------------------------------------------------------------------------

    /** Registered live descendants (direct children only). */
    synchronized int childCount() {
        return children == null ? 0 : children.size();
    }

    /** Whether a deadline timer is pending. */
    synchronized boolean hasTimer() {
        return timer != null;
    }
}
