package go4j;

import go4j.context.Context;
import go4j.context.ContextException;
import go4j.runtime.Bubble;
import go4j.runtime.PrimitiveSites;
import go4j.runtime.Sudog;
import go4j.runtime.WaitQueue;
import go4j.runtime.WaitReason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A Go channel: a typed conduit between goroutines (or platform threads), unbuffered
 * ({@link #make()}) or with a FIFO buffer ({@link #make(int)}), closable, usable in
 * {@link Select#select}.
 *
 * <p>{@code null} is the zero value: {@link #recv()} returns it once the channel is closed and
 * drained, so {@code null} elements are refused. A {@code Chan<Void>} carries no values and is
 * used only by closing it (Go's {@code chan struct{}} as a signal).
 *
 * <p>Blocking operations park the calling thread with {@code LockSupport.park}; a goroutine
 * unmounts and frees its carrier. <b>Interrupts:</b> a blocked operation ignores an interrupt and
 * keeps waiting (Go has no interrupts; giving up half-way would lose or duplicate a value); the
 * thread's interrupt status is kept and is set when the operation returns.
 *
 * <h2>Implementation overview</h2>
 * The algorithm is Go's {@code runtime/chan.go}, written afresh:
 * <ul>
 * <li>State: a ring buffer ({@code buf}, {@code sendx}, {@code recvx}, {@code qcount}), the
 *     {@code closed} flag, and two FIFO {@link WaitQueue}s of blocked senders and receivers
 *     ({@link Sudog}s), all guarded by one small lock per channel. No thread ever parks while
 *     holding it (only lock contention itself may wait).</li>
 * <li>Send: to a closed channel throws; to a waiting receiver hands the value straight to it and
 *     readies it; else into the buffer if there is room; else the sender queues and parks.</li>
 * <li>Receive: closed and empty returns the zero value; a waiting sender (there is one only when
 *     the buffer is full or absent) gives its value directly (unbuffered), or the receiver takes
 *     the buffer's head and the sender's value moves into the buffer's tail (buffered: keeps FIFO);
 *     else from the buffer; else the receiver queues and parks.</li>
 * <li>Close: marks the channel closed and readies every waiter: receivers get the zero value
 *     ({@code ok == false}), senders throw {@link ChannelClosedException}.</li>
 * <li>Non-blocking operations first answer lock-free when the answer is already known (Go's
 *     {@code full()} / {@code empty()} checks): see {@link #trySend} and {@link #tryRecv}.</li>
 * <li>Waking uses a claim: a partner dequeuing a select's sudog must win a CAS on its
 *     {@code SelectWaiter}; entries of a select that already fired elsewhere fail it and are dropped.
 *     That keeps a select atomic (see {@link Select}). A plain send or receive blocks as one
 *     object, a {@link Sudog} that is its own waiter, claimed by being dequeued.</li>
 * </ul>
 *
 * <p>Invariants, under the lock: {@code 0 <= qcount <= cap}; live receivers wait only while the
 * buffer is empty, live senders only while it is full; a closed channel has no live waiters.
 * ("Live" = not yet claimed; a select's entries can linger briefly after it fired.)
 *
 * @param <T> the element type
 */
public final class Chan<T> implements Iterable<T> {

    /**
     * The result of {@link Chan#recvOk()} and {@link Chan#tryRecv()}: Go's {@code v, ok := <-c}.
     *
     * @param value the value received, or {@code null} when {@code ok} is false
     * @param ok    true when a sent value was received, false when the channel is closed and drained
     */
    public record Received<T>(T value, boolean ok) {}

    /** Internal result of a receive: the channel was closed and drained. */
    static final Object CLOSED = new Object();
    /** Internal result of a non-blocking operation: it would have had to block. */
    static final Object WOULD_BLOCK = new Object();
    private static final Received<?> RECEIVED_CLOSED = new Received<>(null, false);
    /** Source of {@link #id}s. */
    private static final AtomicLong IDS = new AtomicLong();
    /** Go's nil channel ({@link #nil()}): never ready, nothing ever waits on its queues. */
    private static final Chan<?> NIL = new Chan<>();

    /** Lock order for {@link Select} (Go sorts by address). Immutable, unique. */
    final long id;
    /** Buffer capacity. Immutable. */
    final int capacity;
    /** Ring buffer; {@code null} when unbuffered. Slots guarded by {@link #lock}. */
    private final Object[] buf;
    /** Next slot to fill / to take. Guarded by {@link #lock}. */
    private int sendx, recvx;
    /** Values in the buffer. Written under {@link #lock} ({@code soQcount}), read lock-free ({@code lvQcount}) and plainly under the lock. */
    private int qcount;
    /** Set once, under {@link #lock}; read lock-free by the fast paths. */
    volatile boolean closed;
    /** Blocked receivers and senders. Guarded by {@link #lock}. */
    final WaitQueue recvq = new WaitQueue(), sendq = new WaitQueue();
    /** Guards everything above. Never held while parking for a communication. */
    final ChanLock lock = new ChanLock();
    /** Where this channel was made, for leak reports ({@link PrimitiveSites}); null when not recorded. Written before it is shared. */
    String site;
    /**
     * The synctest bubble this channel was made in, or null: only its goroutines may use it, and
     * their waits on it are durable. Immutable.
     */
    final Bubble bubble;

    private static final VarHandle QCOUNT;
    static {
        PrimitiveSites.install(Chan.class, (c, site) -> ((Chan<?>) c).site = site);
        try {
            QCOUNT = MethodHandles.lookup().findVarHandle(Chan.class, "qcount", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Chan(int capacity) {
        this.id = IDS.incrementAndGet();
        this.capacity = capacity;
        this.buf = capacity == 0 ? null : new Object[capacity];
        this.bubble = Bubble.forNewPrimitive();
        if (PrimitiveSites.walking()) site = PrimitiveSites.caller();
    }

    /** The nil channel: unbuffered, never closed, never made by a user (so no site). */
    private Chan() {
        this.id = IDS.incrementAndGet();
        this.capacity = 0;
        this.buf = null;
        this.bubble = null; // of no bubble: any goroutine may block on it for ever
    }

    /** Makes an unbuffered channel: every send waits for its receiver. */
    public static <T> Chan<T> make() {
        return new Chan<>(0);
    }

    /**
     * Go's nil channel ({@code var c chan T}) as a value: it is never ready. {@link #send},
     * {@link #recv}, {@link #recvOk} and iteration block forever (a goroutine blocked so is a leak
     * the detector reports, waiting on "chan send (nil chan)" or "chan receive (nil chan)"); a
     * {@link Select} case on it is never chosen (as a {@code null} channel); {@link #trySend} and
     * {@link #tryRecv} report that they would wait; {@link #len()} and {@link #cap()} are 0;
     * {@link #close()} throws. Useful to switch a select case off, as in Go: set the variable to
     * {@code Chan.nil()} once its channel is drained.
     *
     * @return the one nil channel, typed as the caller needs
     */
    @SuppressWarnings("unchecked")
    public static <T> Chan<T> nil() {
        return (Chan<T>) NIL;
    }

    /** True for {@link #nil()}. */
    public boolean isNil() {
        return this == NIL;
    }

    /**
     * Makes a channel with a buffer of {@code capacity} values (0 = unbuffered).
     *
     * @throws IllegalArgumentException ("makechan: size out of range", Go's words) if
     *     {@code capacity} is negative, or larger than the JVM can hold: beyond its largest array,
     *     or a buffer of references bigger than the whole heap
     */
    public static <T> Chan<T> make(int capacity) {
        if (capacity < 0 || capacity > MAX_CAPACITY || (long) capacity * 4 > Runtime.getRuntime().maxMemory()) {
            throw new IllegalArgumentException("makechan: size out of range");
        }
        return new Chan<>(capacity);
    }

    /** The largest array the JVM allocates (HotSpot's limit, a few words below Integer.MAX_VALUE). */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    /**
     * Sends {@code value}, waiting until a receiver takes it (unbuffered) or there is room in the
     * buffer. Waits forever if neither happens.
     *
     * @throws NullPointerException   if {@code value} is null
     * @throws ChannelClosedException if the channel is closed, or is closed while waiting
     */
    public void send(T value) {
        chansend(requireValue(value), true);
    }

    /**
     * Sends {@code value} only if that can happen without waiting (Go's
     * {@code select { case c <- v: default: }}).
     *
     * @return true when sent, false when the send would have had to wait
     * @throws NullPointerException   if {@code value} is null
     * @throws ChannelClosedException if the channel is closed (as in Go)
     */
    public boolean trySend(T value) {
        return chansend(requireValue(value), false);
    }

    /**
     * Receives a value, waiting until one is available. Returns {@code null} once the channel is
     * closed and its buffer drained (Go's zero value).
     */
    @SuppressWarnings("unchecked")
    public T recv() {
        Object v = chanrecv(true);
        return v == CLOSED ? null : (T) v;
    }

    /**
     * Receives a value, waiting until one is available (Go's {@code v, ok := <-c}): {@code ok} is
     * false, and {@code value} null, once the channel is closed and drained.
     */
    public Received<T> recvOk() {
        return received(chanrecv(true));
    }

    /**
     * Receives only if that can happen without waiting (Go's
     * {@code select { case v, ok := <-c: ... default: }}).
     *
     * @return the result as {@link #recvOk()} gives it (with {@code ok == false} once closed and
     *         drained), or {@code null} when a receive would have had to wait
     */
    public Received<T> tryRecv() {
        Object v = chanrecv(false);
        return v == WOULD_BLOCK ? null : received(v);
    }

    /**
     * Sends {@code value} unless {@code ctx} is done first: Go's
     * {@code select { case c <- v: case <-ctx.Done(): return ctx.Err() }}. If {@code ctx} is
     * already done, throws without sending; otherwise waits until the value is taken or
     * {@code ctx} is done (if both become possible at once, either may happen, as in Go's
     * select). A context that can never be done ({@code ctx.done() == null}) makes this
     * {@link #send(Object)}. Interrupts are handled as by {@link #send(Object)}.
     *
     * @throws ContextException       {@code ctx.err()}: the value was not sent
     * @throws NullPointerException   if {@code ctx} or {@code value} is null
     * @throws ChannelClosedException if the channel is closed, or is closed while waiting
     */
    public void send(Context ctx, T value) {
        requireValue(value);
        Chan<Void> done = liveDone(ctx);
        if (done == null) {
            send(value);
            return;
        }
        if (Select.select(Select.send(this, value, null), Select.recv(done, null)) == 1) throw ctx.err();
    }

    /**
     * Receives a value unless {@code ctx} is done first: {@link #recv()} that gives up with
     * {@code ctx.err()}. Returns {@code null} once the channel is closed and drained. If
     * {@code ctx} is already done, throws without receiving; otherwise if a value and the
     * cancellation arrive at once, either may win (as in Go's select).
     *
     * @throws ContextException     {@code ctx.err()}: nothing was received
     * @throws NullPointerException if {@code ctx} is null
     */
    public T recv(Context ctx) {
        return recvOk(ctx).value();
    }

    /**
     * {@link #recvOk()} that gives up with {@code ctx.err()}, as {@link #recv(Context)} does.
     *
     * @throws ContextException     {@code ctx.err()}: nothing was received
     * @throws NullPointerException if {@code ctx} is null
     */
    public Received<T> recvOk(Context ctx) {
        Chan<Void> done = liveDone(ctx);
        if (done == null) return recvOk();
        Object[] got = new Object[1]; // the value received, or CLOSED
        int chosen = Select.select(Select.recvOk(this, (v, ok) -> got[0] = ok ? v : CLOSED), Select.recv(done, null));
        if (chosen == 1) throw ctx.err();
        return received(got[0]);
    }

    /** {@code ctx.done()}, after throwing {@code ctx.err()} if it is already done. */
    private static Chan<Void> liveDone(Context ctx) {
        ContextException err = Objects.requireNonNull(ctx, "ctx").err();
        if (err != null) throw err;
        return ctx.done();
    }

    /**
     * Closes the channel: no more sends. Waiting receivers get the zero value ({@code null},
     * {@code ok == false}) once the buffer is drained; waiting senders throw
     * {@link ChannelClosedException}.
     *
     * @throws IllegalStateException if the channel is already closed, or is {@link #nil()}
     */
    public void close() {
        if (this == NIL) throw new IllegalStateException("close of nil channel");
        if (bubble != null) bubble.checkAccess("close of synctest channel from outside bubble");
        Sudog ready = null; // claimed waiters, chained through waitlink, readied after unlocking
        lock.lock();
        try {
            if (closed) throw new IllegalStateException("close of closed channel");
            closed = true;
            for (Sudog sg; (sg = recvq.dequeue()) != null; ) {
                sg.elem = null;
                sg.success = false;
                sg.waitlink(ready);
                ready = sg;
            }
            for (Sudog sg; (sg = sendq.dequeue()) != null; ) {
                sg.success = false;
                sg.waitlink(ready);
                ready = sg;
            }
        } finally {
            lock.unlock();
        }
        while (ready != null) {
            Sudog next = ready.waitlink();
            ready.waitlink(null);
            ready.waiter.ready();
            ready = next;
        }
    }

    /** Number of values in the buffer now (a snapshot, as Go's {@code len(c)}). */
    public int len() {
        return lvQcount();
    }

    /** Buffer capacity (0 for an unbuffered channel). */
    public int cap() {
        return capacity;
    }

    /**
     * Go's {@code for v := range c}: the iterator receives values until the channel is closed and
     * drained. {@code hasNext()} waits for the next value.
     */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private T next;
            private boolean finished;

            @Override
            public boolean hasNext() {
                if (next != null) return true;
                if (finished) return false;
                next = recv();
                finished = next == null;
                return !finished;
            }

            @Override
            public T next() {
                if (!hasNext()) throw new NoSuchElementException("channel closed");
                T v = next;
                next = null;
                return v;
            }
        };
    }

    @Override
    public String toString() {
        if (this == NIL) return "Chan(nil)";
        return "Chan#" + id + "[len=" + lvQcount() + ", cap=" + capacity + (closed ? ", closed]" : "]");
    }

    // ---- send and receive (Go's chansend / chanrecv) ----

    private static Object requireValue(Object value) {
        return Objects.requireNonNull(value, "null cannot be sent: it is the value of a closed channel");
    }

    @SuppressWarnings("unchecked")
    private Received<T> received(Object v) {
        return v == CLOSED ? (Received<T>) RECEIVED_CLOSED : new Received<>((T) v, true);
    }

    /** Sends {@code v}; with {@code block == false} returns false instead of waiting. */
    boolean chansend(Object v, boolean block) {
        if (bubble != null) bubble.checkAccess("send on synctest channel from outside bubble");
        // Fast path (Go's reasoning): "not closed" then "full" implies a moment when the channel
        // was both, because a closed channel cannot go from "ready for sending" back to "full".
        if (!block && !closed && full()) return false;
        // Every path below releases the lock exactly once, before readying or parking.
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new ChannelClosedException();
        }
        Sudog receiver = recvq.dequeue();
        if (receiver != null) {
            lock.unlock();
            // Claimed, hence ours: hand the value over outside the lock.
            receiver.elem = v;
            receiver.success = true;
            receiver.waiter.ready();
            return true;
        }
        if (lvQcount() < capacity) {
            putLocked(v);
            lock.unlock();
            return true;
        }
        if (!block) {
            lock.unlock();
            return false;
        }
        if (this == NIL) { // nothing ever waits on its queues: nobody could pair with us
            lock.unlock();
            Select.blockForever(WaitReason.CHAN_SEND_NIL);
        }
        Sudog sg;
        try {
            sg = new Sudog(WaitReason.CHAN_SEND, v, bubble != null); // of the bubble (checked above): durably blocked
            sendq.enqueue(sg);
        } finally {
            lock.unlock();
        }
        // Sudog.await, inline: one frame fewer to copy while parked.
        sg.beginWait(site);
        boolean interrupted = false;
        while (!sg.isDone()) {
            LockSupport.park(sg);
            interrupted |= sg.clearInterrupt();
        }
        sg.endWait(interrupted);
        if (!sg.success) throw new ChannelClosedException();
        return true;
    }

    /**
     * Receives; returns the value, {@link #CLOSED} when closed and drained, or (only with
     * {@code block == false}) {@link #WOULD_BLOCK}.
     */
    Object chanrecv(boolean block) {
        if (bubble != null) bubble.checkAccess("receive on synctest channel from outside bubble");
        if (!block && empty()) {
            // "empty" then "not closed": there was a moment when both held. Empty and closed:
            // re-check emptiness, a value may have been sent between the two reads before close.
            if (!closed) return WOULD_BLOCK;
            if (empty()) return CLOSED;
        }
        lock.lock();
        if (closed && lvQcount() == 0) {
            lock.unlock();
            return CLOSED;
        }
        Sudog sender = sendq.dequeue(); // never a live sender once closed
        if (sender != null) {
            Object v = recvFromSenderLocked(sender);
            lock.unlock();
            sender.success = true;
            sender.waiter.ready();
            return v;
        }
        if (lvQcount() > 0) {
            Object v = takeLocked();
            lock.unlock();
            return v;
        }
        if (!block) {
            lock.unlock();
            return WOULD_BLOCK;
        }
        if (this == NIL) {
            lock.unlock();
            Select.blockForever(WaitReason.CHAN_RECEIVE_NIL);
        }
        Sudog sg;
        try {
            sg = new Sudog(WaitReason.CHAN_RECEIVE, null, bubble != null); // of the bubble (checked above): durably blocked
            recvq.enqueue(sg);
        } finally {
            lock.unlock();
        }
        // Sudog.await, inline: one frame fewer to copy while parked.
        sg.beginWait(site);
        boolean interrupted = false;
        while (!sg.isDone()) {
            LockSupport.park(sg);
            interrupted |= sg.clearInterrupt();
        }
        sg.endWait(interrupted);
        return sg.success ? sg.elem : CLOSED;
    }

    // ---- primitives shared with Select; all run under the lock ----

    /** Go's {@code full()}: a send would block (lock-free snapshot). */
    private boolean full() {
        return capacity == 0 ? recvq.lvEmpty() : lvQcount() == capacity;
    }

    /** Go's {@code empty()}: a receive would block, unless closed (lock-free snapshot). */
    private boolean empty() {
        return capacity == 0 ? sendq.lvEmpty() : lvQcount() == 0;
    }

    int lvQcount() {
        return (int) QCOUNT.getAcquire(this);
    }

    private void soQcount(int n) {
        QCOUNT.setRelease(this, n);
    }

    /** Appends to the buffer; the caller checked there is room. */
    void putLocked(Object v) {
        assert lock.isLocked() : "putLocked without the channel's lock";
        buf[sendx] = v;
        if (++sendx == capacity) sendx = 0;
        soQcount(qcount + 1);
    }

    /** Takes the buffer's head; the caller checked it is not empty. */
    Object takeLocked() {
        assert lock.isLocked() : "takeLocked without the channel's lock";
        Object v = buf[recvx];
        buf[recvx] = null;
        if (++recvx == capacity) recvx = 0;
        soQcount(qcount - 1);
        return v;
    }

    /**
     * Receives from a claimed waiting sender. Unbuffered: its value, directly. Buffered (the
     * buffer is full, or the sender would not wait): the buffer's head, and the sender's value
     * goes to the tail, which is the slot just freed.
     */
    Object recvFromSenderLocked(Sudog sender) {
        Object sent = sender.elem;
        sender.elem = null;
        if (capacity == 0) return sent;
        Object v = buf[recvx];
        buf[recvx] = sent;
        if (++recvx == capacity) recvx = 0;
        sendx = recvx;
        return v;
    }

    // ---- test hooks ----

    /** Waiting receivers, including entries of selects that already fired elsewhere. */
    int waitingReceivers() {
        lock.lock();
        try {
            return recvq.size();
        } finally {
            lock.unlock();
        }
    }

    /** Waiting senders, including entries of selects that already fired elsewhere. */
    int waitingSenders() {
        lock.lock();
        try {
            return sendq.size();
        } finally {
            lock.unlock();
        }
    }

    /** Checks the invariants listed in the class comment; throws AssertionError when broken. */
    void checkInvariants() {
        lock.lock();
        try {
            int n = qcount;
            if (n < 0 || n > capacity) throw new AssertionError("qcount " + n + " outside [0, " + capacity + "]");
            int filled = 0;
            for (int i = 0; i < capacity; i++) if (buf[i] != null) filled++;
            if (filled != n) throw new AssertionError("qcount " + n + " but " + filled + " slots filled");
            if (capacity > 0 && (recvx + n) % capacity != sendx)
                throw new AssertionError("recvx " + recvx + " + qcount " + n + " != sendx " + sendx);
            boolean liveReceivers = recvq.hasLive(), liveSenders = sendq.hasLive();
            if (closed && (liveReceivers || liveSenders)) throw new AssertionError("closed channel has live waiters");
            if (n > 0 && liveReceivers) throw new AssertionError("receivers wait on a non-empty buffer");
            if (n < capacity && liveSenders) throw new AssertionError("senders wait on a buffer with room");
        } finally {
            lock.unlock();
        }
    }
}
