package go4j;

import go4j.runtime.SelectWaiter;
import go4j.runtime.Sudog;
import go4j.runtime.WaitReason;
import go4j.time.Time;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Go's {@code select}: waits until one of several channel operations can proceed, performs
 * exactly that one, then runs its callback.
 *
 * <pre>{@code
 * int chosen = Select.select(
 *     Select.recv(results, v -> use(v)),
 *     Select.send(requests, next, () -> sent++),
 *     Select.defaultCase(() -> nothingReady()));
 * }</pre>
 *
 * <p>Semantics, as Go's: among the cases that are ready, one is chosen uniformly at random; with
 * none ready, {@code select} runs the default case if there is one, else waits until a case is
 * ready. Exactly one case takes effect: the others neither consume nor deliver a value. The
 * callback runs after the communication is done, outside any channel lock (an exception it throws
 * propagates from {@code select}; the communication stays done). A case on a
 * {@code null} channel is never ready. A receive case on a closed channel is ready (it receives
 * {@code null}, {@code ok == false}); a send case on a closed channel throws
 * {@link ChannelClosedException} when chosen. A select with no case (or only {@code null}
 * channels) and no default waits forever, like Go's {@code select {}}. Interrupts do not end the
 * wait; the interrupt status is kept (see {@link Chan}). {@link Case}s are immutable and can be
 * reused across selects.
 *
 * <h2>Implementation overview</h2>
 * Go's {@code runtime/select.go}, written afresh:
 * <ol>
 * <li>Poll order: the non-nil cases in a random permutation (fairness). Lock order: the distinct
 *     channels sorted by {@code Chan.id}, so two selects never deadlock on each other's locks.</li>
 * <li>Try each case in poll order as a non-blocking operation on its own channel (one lock, or
 *     none for a channel that cannot proceed); the first that proceeds is the select's.</li>
 * <li>None did: with every channel locked, look again for a ready case in poll order and
 *     complete it, so that "none ready" is one atomic observation.</li>
 * <li>None ready: run the default, or enqueue one {@link Sudog} per case on its channel, all
 *     sharing one {@link SelectWaiter}, unlock, and park.</li>
 * <li>A partner that dequeues one of those sudogs must win the CAS on the shared waiter
 *     ({@link SelectWaiter#claim}); so at most one case completes, and entries of the losing cases are
 *     skipped by everyone. Woken, the select relocks everything and unlinks its losing entries.</li>
 * </ol>
 *
 * <h2>A select that yields a value</h2>
 * {@link #value} takes cases made by {@link #onRecv}, {@link #onRecvOk}, {@link #onSend},
 * {@link #onTimeout} and {@link #onDefault}, whose functions compute the result, and returns what
 * the chosen case's function returned, so a case can "assign" without a holder array:
 *
 * <pre>{@code
 * String r = Select.value(
 *     Select.onRecv(a, v -> "a:" + v),
 *     Select.onRecv(b, v -> "b:" + v),
 *     Select.onTimeout(Duration.ofSeconds(1), () -> "timeout"));
 * }</pre>
 *
 * The rules are {@link #select}'s (it runs one).
 *
 * <p>One non-nil case with a default runs as {@link Chan#trySend}/{@link Chan#tryRecv} (lock-free when
 * nothing is ready); one non-nil case alone runs as a plain send or receive.
 */
public final class Select {
    private Select() {}

    /** One case of a select; made by {@link #recv}, {@link #recvOk}, {@link #send}, {@link #defaultCase}. */
    public static final class Case {
        private static final int RECV = 0, RECV_OK = 1, SEND = 2, DEFAULT = 3;

        private final int kind;
        /** The channel, or null (never ready). Meaningless for the default case. */
        private final Chan<?> chan;
        /** The value of a send case. */
        private final Object value;
        /** Consumer, BiConsumer or Runnable by kind; may be null. */
        private final Object callback;

        private Case(int kind, Chan<?> chan, Object value, Object callback) {
            this.kind = kind;
            this.chan = chan == null || chan.isNil() ? null : chan; // Chan.nil() is a null channel
            this.value = value;
            this.callback = callback;
        }

        private boolean isSend() {
            return kind == SEND;
        }

        @SuppressWarnings("unchecked")
        private void fireRecv(Object v, boolean ok) {
            if (callback == null) return;
            if (kind == RECV) ((Consumer<Object>) callback).accept(v);
            else ((BiConsumer<Object, Boolean>) callback).accept(v, ok);
        }

        private void fireRunnable() {
            if (callback != null) ((Runnable) callback).run();
        }

        @Override
        public String toString() {
            return switch (kind) {
                case RECV, RECV_OK -> "recv(" + chan + ")";
                case SEND -> "send(" + chan + ", " + value + ")";
                default -> "default";
            };
        }
    }

    /**
     * A receive case: when chosen, {@code onValue} gets the value received, or {@code null} if the
     * channel is closed and drained.
     *
     * @param ch      the channel; {@code null} makes a case that is never ready
     * @param onValue run after the receive; may be null
     */
    public static <T> Case recv(Chan<T> ch, Consumer<? super T> onValue) {
        return new Case(Case.RECV, ch, null, onValue);
    }

    /**
     * A receive case with Go's {@code v, ok}: when chosen, {@code onValue} gets the value and
     * {@code true}, or {@code null} and {@code false} if the channel is closed and drained.
     *
     * @param ch      the channel; {@code null} makes a case that is never ready
     * @param onValue run after the receive; may be null
     */
    public static <T> Case recvOk(Chan<T> ch, BiConsumer<? super T, Boolean> onValue) {
        return new Case(Case.RECV_OK, ch, null, onValue);
    }

    /**
     * A send case: when chosen, {@code value} has been sent and {@code onSent} runs.
     *
     * @param ch     the channel; {@code null} makes a case that is never ready
     * @param value  the value to send
     * @param onSent run after the send; may be null
     * @throws NullPointerException if {@code value} is null
     */
    public static <T> Case send(Chan<T> ch, T value, Runnable onSent) {
        Objects.requireNonNull(value, "null cannot be sent: it is the value of a closed channel");
        return new Case(Case.SEND, ch, value, onSent);
    }

    /**
     * The default case: chosen, and {@code body} run, when no other case is ready.
     *
     * @param body may be null
     */
    public static Case defaultCase(Runnable body) {
        return new Case(Case.DEFAULT, null, null, body);
    }

    /**
     * Performs one ready case (or the default), waiting for one if there is no default, and runs
     * its callback.
     *
     * @return the index in {@code cases} of the case that was chosen
     * @throws IllegalArgumentException if there is more than one default case
     * @throws NullPointerException     if a case is null
     * @throws ChannelClosedException   if the chosen case sends on a closed channel
     */
    public static int select(Case... cases) {
        int dflt = -1, active = 0, only = -1;
        for (int i = 0; i < cases.length; i++) {
            Case k = Objects.requireNonNull(cases[i], "select case");
            if (k.kind == Case.DEFAULT) {
                if (dflt >= 0) throw new IllegalArgumentException("multiple defaults in select");
                dflt = i;
            } else if (k.chan != null) {
                active++;
                only = i;
            }
        }
        if (active == 0) {
            if (dflt >= 0) {
                cases[dflt].fireRunnable();
                return dflt;
            }
            blockForever(cases.length == 0 ? WaitReason.SELECT_NO_CASES : WaitReason.SELECT);
        }
        if (active == 1) return selectOne(cases, only, dflt);
        return selectgo(cases, active, dflt);
    }

    /**
     * The creation sites of the channels a blocking select waits on, for leak reports: distinct,
     * in case order, comma-separated; null when none was recorded (then it costs no allocation).
     */
    private static String sitesOf(Case[] cases) {
        String first = null;
        StringBuilder more = null;
        for (Case k : cases) {
            String site = k.chan == null ? null : k.chan.site;
            if (site == null || site.equals(first)) continue;
            if (first == null) {
                first = site;
            } else if (more == null || more.indexOf(site) < 0) {
                if (more == null) more = new StringBuilder(first);
                more.append(", ").append(site);
            }
        }
        return more == null ? first : more.toString();
    }

    /**
     * Go's {@code select {}} (and a send or receive on a nil channel): parks forever; interrupts
     * and spurious wake-ups park again. Never returns.
     */
    static void blockForever(WaitReason reason) {
        // In a synctest bubble this is durable (as Go's select {}): nothing outside can end it either.
        Sudog.parkForever(reason, null, go4j.runtime.Bubble.current() != null);
    }

    /** One non-nil case: a plain operation, or a non-blocking one if there is a default. */
    private static int selectOne(Case[] cases, int i, int dflt) {
        Case k = cases[i];
        if (k.isSend()) {
            if (!k.chan.chansend(k.value, dflt < 0)) {
                cases[dflt].fireRunnable();
                return dflt;
            }
            k.fireRunnable();
            return i;
        }
        Object v = k.chan.chanrecv(dflt < 0);
        if (v == Chan.WOULD_BLOCK) {
            cases[dflt].fireRunnable();
            return dflt;
        }
        if (v == Chan.CLOSED) k.fireRecv(null, false);
        else k.fireRecv(v, true);
        return i;
    }

    private static int selectgo(Case[] cases, int active, int dflt) {
        // Poll order: the non-nil cases, shuffled (Fisher-Yates, inside-out).
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int[] pollorder = new int[active];
        int np = 0;
        boolean durable = true; // every channel is the caller's synctest bubble's
        for (int i = 0; i < cases.length; i++) {
            Case k = cases[i];
            if (k.kind == Case.DEFAULT || k.chan == null) continue;
            if (k.chan.bubble == null) durable = false;
            else k.chan.bubble.checkAccess("select on synctest channel from outside bubble");
            int j = rnd.nextInt(np + 1);
            pollorder[np] = pollorder[j];
            pollorder[j] = i;
            np++;
        }
        // Pass 0: a case that can proceed now, each tried on its own, under its own channel's lock
        // (Chan's non-blocking paths, which skip a channel that cannot proceed without locking
        // it). A communication that happens here is linearised at that channel's lock, as the
        // same operation outside a select would be, and the first in poll order wins, as in pass
        // 1. Only when none can proceed are all the locks taken, so that "none can proceed" (the
        // default, or queueing on every channel) is one atomic observation, as in Go.
        for (int i : pollorder) {
            Case k = cases[i];
            if (k.isSend()) {
                if (k.chan.chansend(k.value, false)) { // a closed channel throws, as pass 1 would
                    k.fireRunnable();
                    return i;
                }
            } else {
                Object v = k.chan.chanrecv(false);
                if (v != Chan.WOULD_BLOCK) {
                    if (v == Chan.CLOSED) k.fireRecv(null, false);
                    else k.fireRecv(v, true);
                    return i;
                }
            }
        }

        // Lock order: distinct channels by id (insertion sort; selects are small).
        Chan<?>[] lockorder = new Chan<?>[active];
        int nl = 0;
        for (int i : pollorder) {
            Chan<?> c = cases[i].chan;
            int j = nl;
            while (j > 0 && lockorder[j - 1].id > c.id) j--;
            if (j > 0 && lockorder[j - 1] == c) continue; // already there
            System.arraycopy(lockorder, j, lockorder, j + 1, nl - j);
            lockorder[j] = c;
            nl++;
        }

        lockAll(lockorder, nl);
        // Pass 1: a case that is ready now.
        for (int i : pollorder) {
            Case k = cases[i];
            Chan<?> c = k.chan;
            if (k.isSend()) {
                if (c.closed) {
                    unlockAll(lockorder, nl);
                    throw new ChannelClosedException();
                }
                Sudog receiver = c.recvq.dequeue();
                if (receiver != null) {
                    unlockAll(lockorder, nl);
                    receiver.elem = k.value;
                    receiver.success = true;
                    receiver.waiter.ready();
                    k.fireRunnable();
                    return i;
                }
                if (c.lvQcount() < c.capacity) {
                    c.putLocked(k.value);
                    unlockAll(lockorder, nl);
                    k.fireRunnable();
                    return i;
                }
            } else {
                Sudog sender = c.sendq.dequeue();
                if (sender != null) {
                    Object v = c.recvFromSenderLocked(sender);
                    unlockAll(lockorder, nl);
                    sender.success = true;
                    sender.waiter.ready();
                    k.fireRecv(v, true);
                    return i;
                }
                if (c.lvQcount() > 0) {
                    Object v = c.takeLocked();
                    unlockAll(lockorder, nl);
                    k.fireRecv(v, true);
                    return i;
                }
                if (c.closed) {
                    unlockAll(lockorder, nl);
                    k.fireRecv(null, false);
                    return i;
                }
            }
        }
        if (dflt >= 0) {
            unlockAll(lockorder, nl);
            cases[dflt].fireRunnable();
            return dflt;
        }

        // Pass 2: queue on every channel and park. Queued in poll order, so that among several
        // cases on one channel the partner's pick is random too.
        SelectWaiter w;
        Sudog[] sudogs = new Sudog[cases.length];
        try {
            w = new SelectWaiter(durable);
            for (int i : pollorder) {
                Case k = cases[i];
                Sudog sg = new Sudog(w, k.isSend() ? k.value : null);
                sudogs[i] = sg;
                (k.isSend() ? k.chan.sendq : k.chan.recvq).enqueue(sg);
            }
        } catch (Throwable t) { // out of memory: leave no entry behind
            for (int i : pollorder) {
                Sudog sg = sudogs[i];
                if (sg != null) (cases[i].isSend() ? cases[i].chan.sendq : cases[i].chan.recvq).remove(sg);
            }
            throw t;
        } finally {
            unlockAll(lockorder, nl);
        }
        w.await(sitesOf(cases));

        // Pass 3: unlink the losing entries (the winner's claimer already unlinked it).
        Sudog win = w.winner();
        int i = -1; // the winning case
        lockAll(lockorder, nl);
        for (int j : pollorder) {
            Sudog sg = sudogs[j];
            if (sg == win) i = j;
            else (cases[j].isSend() ? cases[j].chan.sendq : cases[j].chan.recvq).remove(sg);
        }
        unlockAll(lockorder, nl);

        Case k = cases[i];
        if (k.isSend()) {
            if (!win.success) throw new ChannelClosedException();
            k.fireRunnable();
        } else {
            k.fireRecv(win.success ? win.elem : null, win.success);
        }
        return i;
    }

    // ---- the select that yields a value ----

    /**
     * One case of {@link #value}: a {@link Case} whose callback computes the select's result. Made
     * by {@link #onRecv}, {@link #onRecvOk}, {@link #onSend}, {@link #onTimeout}, {@link #onDefault};
     * immutable, reusable across selects.
     *
     * @param <R> the type of the result its function computes
     */
    public static final class ValueCase<R> {
        /** Makes this case's {@link Case}, whose callback stores the result in {@code out[0]}. */
        private final Function<Object[], Case> toCase;
        /** What the case is, for {@link #toString}: its kind and its channel or duration (built on demand). */
        private final String kind;
        private final Object target;

        private ValueCase(Function<Object[], Case> toCase, String kind, Object target) {
            this.toCase = toCase;
            this.kind = kind;
            this.target = target;
        }

        @Override
        public String toString() {
            return target == null ? kind : kind + "(" + target + ")";
        }
    }

    /**
     * A receive case for {@link #value}: when chosen, the select's result is {@code f} applied to
     * the value received ({@code null} if the channel is closed and drained).
     *
     * @param ch the channel; {@code null} or {@link Chan#nil()} makes a case that is never ready
     * @throws NullPointerException if {@code f} is null
     */
    public static <T, R> ValueCase<R> onRecv(Chan<T> ch, Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        return new ValueCase<>(out -> recv(ch, v -> out[0] = f.apply(v)), "onRecv", ch);
    }

    /**
     * A receive case with Go's {@code v, ok} for {@link #value}: when chosen, the result is
     * {@code f} applied to the value and {@code true}, or to {@code null} and {@code false} once
     * the channel is closed and drained.
     *
     * @param ch the channel; {@code null} or {@link Chan#nil()} makes a case that is never ready
     * @throws NullPointerException if {@code f} is null
     */
    public static <T, R> ValueCase<R> onRecvOk(Chan<T> ch, BiFunction<? super T, Boolean, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        return new ValueCase<>(out -> recvOk(ch, (v, ok) -> out[0] = f.apply(v, ok)), "onRecvOk", ch);
    }

    /**
     * A send case for {@link #value}: when chosen, {@code value} has been sent and the result is
     * what {@code f} returns.
     *
     * @param ch the channel; {@code null} or {@link Chan#nil()} makes a case that is never ready
     * @throws NullPointerException if {@code value} or {@code f} is null
     */
    public static <T, R> ValueCase<R> onSend(Chan<T> ch, T value, Supplier<? extends R> f) {
        Objects.requireNonNull(value, "null cannot be sent: it is the value of a closed channel");
        Objects.requireNonNull(f, "f");
        return new ValueCase<>(out -> send(ch, value, () -> out[0] = f.get()), "onSend", ch);
    }

    /**
     * A timeout case for {@link #value}: Go's {@code case <-time.After(d):}. Its timer starts when
     * the select starts (each time, if the case is reused); when it fires first, the result is what
     * {@code f} returns.
     *
     * @throws NullPointerException if {@code d} or {@code f} is null
     */
    public static <R> ValueCase<R> onTimeout(Duration d, Supplier<? extends R> f) {
        Objects.requireNonNull(d, "d");
        Objects.requireNonNull(f, "f");
        return new ValueCase<>(out -> recv(Time.after(d), t -> out[0] = f.get()), "onTimeout", d);
    }

    /**
     * The default case for {@link #value}: chosen when no other case is ready; the result is what
     * {@code f} returns.
     *
     * @throws NullPointerException if {@code f} is null
     */
    public static <R> ValueCase<R> onDefault(Supplier<? extends R> f) {
        Objects.requireNonNull(f, "f");
        return new ValueCase<>(out -> defaultCase(() -> out[0] = f.get()), "onDefault", null);
    }

    /**
     * Go's {@code select} as an expression: performs one case as {@link #select} does and returns
     * what that case's function computed (which may be {@code null}).
     *
     * @return the chosen case's result
     * @throws IllegalArgumentException if there is more than one default case
     * @throws NullPointerException     if a case is null
     * @throws ChannelClosedException   if the chosen case sends on a closed channel
     */
    @SafeVarargs
    @SuppressWarnings("unchecked")
    public static <R> R value(ValueCase<? extends R>... cases) {
        Object[] out = new Object[1];
        Case[] plain = new Case[cases.length];
        for (int i = 0; i < cases.length; i++) plain[i] = Objects.requireNonNull(cases[i], "select case").toCase.apply(out);
        select(plain);
        return (R) out[0];
    }

    private static void lockAll(Chan<?>[] lockorder, int n) {
        for (int i = 0; i < n; i++) lockorder[i].lock.lock();
    }

    private static void unlockAll(Chan<?>[] lockorder, int n) {
        for (int i = n - 1; i >= 0; i--) lockorder[i].lock.unlock();
    }
}
