package go4j.context;

import static go4j.context.Context.background;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import go4j.Chan;
import go4j.Select;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import go4j.sync.WaitGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Go's context package rules, one test per rule (context_test.go is the reference). */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ContextTest {

    private static final Duration HOUR = Duration.ofHours(1);

    /** Whether {@code ch} is closed: a receive that does not wait and reports ok == false. */
    private static boolean closed(Chan<Void> ch) {
        Chan.Received<Void> r = ch.tryRecv();
        return r != null && !r.ok();
    }

    // ---- roots ----

    @Test
    void backgroundAndTodoAreNeverDone() {
        for (Context c : List.of(background(), Context.todo())) {
            assertThat(c.done()).as("Go's nil channel").isNull();
            assertThat(c.err()).isNull();
            assertThat(c.deadline()).isEmpty();
            assertThat(Context.cause(c)).isNull();
        }
        assertThat(background()).hasToString("context.Background").isSameAs(background());
        assertThat(Context.todo()).hasToString("context.TODO").isNotSameAs(background());
    }

    // ---- errors ----

    @Test
    void errorsAreGoValuesAsStacklessSingletons() {
        assertThat(Context.CANCELED).hasMessage("context canceled").isInstanceOf(ContextException.class);
        assertThat(Context.DEADLINE_EXCEEDED).hasMessage("context deadline exceeded").isInstanceOf(ContextException.class);
        assertThat(Context.CANCELED.isTimeout()).isFalse();
        assertThat(Context.DEADLINE_EXCEEDED.isTimeout()).isTrue();
        assertThat(Context.CANCELED.getStackTrace()).isEmpty();
        // Shared instances must not accumulate state from the places that throw them.
        Context.CANCELED.addSuppressed(new IOException("x"));
        assertThat(Context.CANCELED.getSuppressed()).isEmpty();
        assertThatThrownBy(() -> Context.DEADLINE_EXCEEDED.initCause(new IOException("x")))
                .isInstanceOf(IllegalStateException.class);
    }

    // ---- withCancel ----

    @Test
    void cancelClosesDoneAndSetsErr() {
        CancelableContext ctx = Context.withCancel(background());
        Chan<Void> done = ctx.done();
        assertThat(done).isNotNull().isSameAs(ctx.done());
        assertThat(done.tryRecv()).as("live: not ready").isNull();
        assertThat(ctx.err()).isNull();
        assertThat(Context.cause(ctx)).isNull();
        ctx.cancel();
        assertThat(closed(done)).isTrue();
        assertThat(ctx.err()).isSameAs(Context.CANCELED);
        assertThat(Context.cause(ctx)).isSameAs(Context.CANCELED);
        assertThat(ctx).hasToString("context.Background.WithCancel");
    }

    @Test
    void doneAskedForOnlyAfterCancelIsClosedToo() {
        CancelableContext ctx = Context.withCancel(background());
        ctx.cancel();
        assertThat(closed(ctx.done())).isTrue();
        assertThat(ctx.done()).isSameAs(ctx.done());
    }

    @Test
    void cancelIsIdempotentAndKeepsTheFirstErrorAndCause() {
        CancelCauseContext ctx = Context.withCancelCause(background());
        IOException first = new IOException("first");
        ctx.cancel(first);
        ctx.cancel(new IOException("second"));
        ctx.cancel();
        ctx.close();
        assertThat(ctx.err()).isSameAs(Context.CANCELED);
        assertThat(Context.cause(ctx)).isSameAs(first);
    }

    @Test
    void closeCancelsSoTryWithResourcesIsDeferCancel() {
        CancelableContext seen;
        try (CancelableContext ctx = Context.withCancel(background())) {
            seen = ctx;
            assertThat(ctx.err()).isNull();
        }
        assertThat(seen.err()).isSameAs(Context.CANCELED);
    }

    @Test
    void cancellingAParentCancelsEveryDescendantWithItsErrorAndCause() {
        CancelCauseContext root = Context.withCancelCause(background());
        Context.Key<String> k = Context.key("k");
        CancelableContext child = Context.withCancel(Context.withValue(root, k, "v"));
        CancelableContext grandchild = Context.withTimeout(child, HOUR);
        Context valueBelow = Context.withValue(grandchild, k, "w");
        CancelableContext otherChild = Context.withCancel(root);
        Chan<Void> grandDone = grandchild.done();
        IOException why = new IOException("why");

        root.cancel(why);

        for (Context c : List.of(root, child, grandchild, valueBelow, otherChild)) {
            assertThat(c.err()).as("%s", c).isSameAs(Context.CANCELED);
            assertThat(Context.cause(c)).as("%s", c).isSameAs(why);
            assertThat(closed(c.done())).as("%s", c).isTrue();
        }
        assertThat(closed(grandDone)).isTrue();
        assertThat(grandchild.hasTimer()).as("the deadline timer is stopped").isFalse();
        assertThat(root.childCount()).isZero();
    }

    @Test
    void cancellingAChildLeavesItsParentAlone() {
        CancelableContext parent = Context.withCancel(background());
        CancelableContext child = Context.withCancel(parent);
        child.cancel();
        assertThat(parent.err()).isNull();
        assertThat(parent.done().tryRecv()).isNull();
    }

    @Test
    void aChildOfADoneParentIsBornDone() {
        CancelCauseContext parent = Context.withCancelCause(background());
        IOException why = new IOException("why");
        parent.cancel(why);
        CancelableContext child = Context.withCancel(parent);
        assertThat(child.err()).isSameAs(Context.CANCELED);
        assertThat(Context.cause(child)).isSameAs(why);
        assertThat(closed(child.done())).isTrue();
        assertThat(parent.childCount()).isZero();
        CancelableContext timed = Context.withTimeout(parent, HOUR);
        assertThat(timed.err()).as("the parent's error, not a deadline").isSameAs(Context.CANCELED);
        assertThat(timed.hasTimer()).isFalse();
    }

    /** A long-lived parent does not grow with children that were cancelled. */
    @Test
    void cancelledChildrenAreRemovedFromTheirParent() {
        CancelableContext parent = Context.withCancel(background());
        Context.Key<Integer> k = Context.key("k");
        Context valued = Context.withValue(parent, k, 1); // children register through value contexts
        for (int i = 0; i < 1_000_000; i++) {
            CancelableContext child = Context.withCancel((i & 1) == 0 ? parent : valued);
            if (i == 0) assertThat(parent.childCount()).isEqualTo(1);
            child.cancel();
        }
        assertThat(parent.childCount()).isZero();
        List<CancelableContext> live = new ArrayList<>();
        for (int i = 0; i < 10; i++) live.add(Context.withCancel(parent));
        assertThat(parent.childCount()).isEqualTo(10);
        parent.cancel();
        assertThat(parent.childCount()).isZero();
        assertThat(live).allSatisfy(c -> assertThat(c.err()).isSameAs(Context.CANCELED));
    }

    @Test
    void nullParentIsRefusedWithGoWording() {
        assertThatThrownBy(() -> Context.withCancel(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("cannot create context from nil parent");
        assertThatThrownBy(() -> Context.withTimeout(null, HOUR)).hasMessage("cannot create context from nil parent");
        assertThatThrownBy(() -> Context.withDeadline(null, Instant.now())).hasMessage("cannot create context from nil parent");
        assertThatThrownBy(() -> Context.withValue(null, Context.key("k"), 1)).hasMessage("cannot create context from nil parent");
        assertThatThrownBy(() -> Context.withoutCancel(null)).hasMessage("cannot create context from nil parent");
        assertThatThrownBy(() -> Context.withCancelCause(null)).hasMessage("cannot create context from nil parent");
        assertThatThrownBy(() -> Context.withValue(background(), null, 1)).hasMessage("nil key");
    }

    /** Children created, cancelled and given afterFuncs while the parent is cancelled concurrently. */
    @Test
    void concurrentCreateAndCancelRaceWithTheParentsCancel() {
        for (int round = 0; round < 40; round++) {
            CancelableContext parent = Context.withCancel(background());
            List<CancelableContext> kept = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger ran = new AtomicInteger();
            WaitGroup wg = new WaitGroup();
            for (int g = 0; g < 4; g++) {
                wg.go(() -> {
                    for (int i = 0; i < 300; i++) {
                        CancelableContext c = Context.withCancel(parent);
                        if (i % 3 == 0) {
                            c.cancel();
                        } else {
                            kept.add(c);
                            Context.afterFunc(c, ran::incrementAndGet);
                        }
                    }
                });
            }
            wg.go(parent::cancel); // races with the creators
            wg.await();
            assertThat(kept).allSatisfy(c -> assertThat(c.err()).isSameAs(Context.CANCELED));
            assertThat(parent.childCount()).isZero();
            while (ran.get() < kept.size()) Thread.yield(); // every afterFunc starts once; @Timeout bounds this
            assertThat(ran.get()).isEqualTo(kept.size());
        }
    }

    // ---- withCancelCause ----

    @Test
    void cancelCauseRecordsTheCauseButErrIsCanceled() {
        CancelCauseContext ctx = Context.withCancelCause(background());
        IllegalStateException why = new IllegalStateException("why");
        ctx.cancel(why);
        assertThat(ctx.err()).isSameAs(Context.CANCELED);
        assertThat(Context.cause(ctx)).isSameAs(why);
        assertThat(ctx).hasToString("context.Background.WithCancel");
    }

    @Test
    void nullCauseMeansCanceled() {
        CancelCauseContext ctx = Context.withCancelCause(background());
        ctx.cancel(null);
        assertThat(Context.cause(ctx)).isSameAs(Context.CANCELED);
    }

    @Test
    void causeLooksThroughValueContextsButNotPastWithoutCancel() {
        CancelCauseContext ctx = Context.withCancelCause(background());
        Context.Key<String> k = Context.key("k");
        Context valued = Context.withValue(ctx, k, "v");
        Context detached = Context.withoutCancel(ctx);
        IOException why = new IOException("why");
        ctx.cancel(why);
        assertThat(Context.cause(valued)).isSameAs(why);
        assertThat(valued.err()).isSameAs(Context.CANCELED);
        assertThat(Context.cause(detached)).isNull();
        assertThat(detached.err()).isNull();
    }

    // ---- deadlines ----

    @Test
    void withTimeoutEventuallyEndsWithDeadlineExceeded() {
        CancelableContext ctx = Context.withTimeout(background(), Duration.ofMillis(5));
        assertThat(ctx.deadline()).isPresent();
        ctx.done().recv(); // waits until the timer fires; @Timeout bounds it
        assertThat(ctx.err()).isSameAs(Context.DEADLINE_EXCEEDED);
        assertThat(Context.cause(ctx)).isSameAs(Context.DEADLINE_EXCEEDED);
        assertThat(ctx.hasTimer()).isFalse();
        ctx.cancel();
        assertThat(ctx.err()).as("cancel after expiry changes nothing").isSameAs(Context.DEADLINE_EXCEEDED);
    }

    @Test
    void expiryCancelsDescendantsAndUnlinksFromTheParent() {
        CancelableContext parent = Context.withCancel(background());
        CancelableContext timed = Context.withTimeout(parent, Duration.ofMillis(2));
        CancelableContext below = Context.withCancel(timed);
        below.done().recv();
        assertThat(below.err()).isSameAs(Context.DEADLINE_EXCEEDED);
        // As in Go, the expired context unlinks itself just after closing done: wait for it.
        while (parent.childCount() != 0) Thread.yield();
        assertThat(parent.err()).isNull();
    }

    @Test
    void timeoutCauseIsTheCauseWhenTheTimerFires() {
        IOException slow = new IOException("too slow");
        CancelableContext ctx = Context.withTimeoutCause(background(), Duration.ofMillis(2), slow);
        ctx.done().recv();
        assertThat(ctx.err()).isSameAs(Context.DEADLINE_EXCEEDED);
        assertThat(Context.cause(ctx)).isSameAs(slow);
    }

    @Test
    void deadlineCauseIsNotUsedWhenCancelledFirst() {
        IOException slow = new IOException("too slow");
        CancelableContext ctx = Context.withDeadlineCause(background(), Instant.now().plus(HOUR), slow);
        ctx.cancel();
        assertThat(Context.cause(ctx)).isSameAs(Context.CANCELED);
    }

    @Test
    void anExpiredDeadlineGivesAContextAlreadyDone() {
        CancelableContext parent = Context.withCancel(background());
        Instant past = Instant.now().minusSeconds(1);
        CancelableContext ctx = Context.withDeadline(parent, past);
        assertThat(ctx.err()).isSameAs(Context.DEADLINE_EXCEEDED);
        assertThat(closed(ctx.done())).isTrue();
        assertThat(ctx.deadline()).contains(past);
        assertThat(ctx.hasTimer()).isFalse();
        assertThat(parent.childCount()).isZero();
        assertThat(Context.withTimeout(background(), Duration.ZERO).err()).isSameAs(Context.DEADLINE_EXCEEDED);
        assertThat(Context.withTimeout(background(), Duration.ofSeconds(-5)).err()).isSameAs(Context.DEADLINE_EXCEEDED);
        IOException why = new IOException("late");
        assertThat(Context.cause(Context.withDeadlineCause(background(), past, why))).isSameAs(why);
    }

    @Test
    void aLaterDeadlineThanTheParentsKeepsTheParents() {
        Instant soon = Instant.now().plus(HOUR);
        CancelableContext parent = Context.withDeadline(background(), soon);
        CancelableContext later = Context.withDeadline(parent, soon.plus(HOUR));
        assertThat(later.deadline()).contains(soon);
        assertThat(later.hasTimer()).as("no timer of its own").isFalse();
        assertThat(later.toString()).as("the time left changes; the shape does not")
                .startsWith("context.Background.WithDeadline(" + soon + " [").endsWith("]).WithCancel");
        CancelableContext longer = Context.withTimeout(parent, Duration.ofDays(1));
        assertThat(longer.deadline()).contains(soon);
        CancelableContext earlier = Context.withDeadline(parent, soon.minusSeconds(60));
        assertThat(earlier.deadline()).contains(soon.minusSeconds(60));
        assertThat(earlier.hasTimer()).isTrue();
        parent.cancel();
        assertThat(earlier.hasTimer()).isFalse();
    }

    @Test
    void deadlinesAreInheritedByValueAndCancelChildren() {
        Instant d = Instant.now().plus(HOUR);
        CancelableContext timed = Context.withDeadline(background(), d);
        Context valued = Context.withValue(timed, Context.key("k"), "v");
        assertThat(valued.deadline()).contains(d);
        assertThat(Context.withCancel(valued).deadline()).contains(d);
        assertThat(Context.withoutCancel(valued).deadline()).isEmpty();
        assertThat(Context.withCancel(background()).deadline()).isEmpty();
        timed.cancel();
    }

    @Test
    void hugeTimeoutsSaturateInsteadOfOverflowing() {
        CancelableContext ctx = Context.withTimeout(background(), Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(ctx.deadline()).contains(Instant.MAX);
        assertThat(ctx.err()).isNull();
        assertThat(ctx.toString()).startsWith("context.Background.WithDeadline(" + Instant.MAX + " [");
        ctx.cancel();
        assertThat(ctx.hasTimer()).isFalse();
    }

    @Test
    void cancelStopsTheDeadlineTimer() {
        CancelableContext ctx = Context.withTimeout(background(), HOUR);
        assertThat(ctx.hasTimer()).isTrue();
        ctx.cancel();
        assertThat(ctx.hasTimer()).isFalse();
        assertThat(ctx.err()).isSameAs(Context.CANCELED);
    }

    @Test
    void deadlineContextPrintsLikeGo() {
        Instant d = Instant.now().plus(HOUR);
        CancelableContext ctx = Context.withDeadline(background(), d);
        assertThat(ctx.toString()).matches(
                "context\\.Background\\.WithDeadline\\(" + d.toString().replace(".", "\\.") + " \\[[0-9]+m[0-9.]+s\\]\\)");
        ctx.cancel();
    }

    // ---- values ----

    @Test
    void valuesAreTypedAndFoundUpTheChain() {
        Context.Key<String> user = Context.key("user");
        Context.Key<Integer> attempt = Context.key("attempt");
        Context.Key<String> sameName = Context.key("user");
        Context a = Context.withValue(background(), user, "ann");
        CancelableContext b = Context.withCancel(Context.withValue(a, attempt, 3));
        Context c = Context.withValue(b, user, "bob");

        String u = c.value(user);
        int n = c.value(attempt);
        assertThat(u).as("the nearest binding wins").isEqualTo("bob");
        assertThat(n).isEqualTo(3);
        assertThat(b.value(user)).isEqualTo("ann");
        assertThat(c.value(sameName)).as("keys compare by identity, not name").isNull();
        assertThat(background().value(user)).isNull();
        assertThat(c.<Object>value(null)).isNull();
        assertThat(Context.withValue(c, user, null).value(user)).as("null shadows").isNull();
        b.cancel();
        assertThat(c.value(user)).as("values outlive cancellation").isEqualTo("bob");
    }

    @Test
    void valueContextPrintsLikeGo() {
        record Point(int x, int y) {}
        class Secret {}
        Context.Key<Object> k = Context.key("k");
        assertThat(Context.withValue(background(), k, "s")).hasToString("context.Background.WithValue(k, s)");
        assertThat(Context.withValue(background(), k, new Point(1, 2)))
                .hasToString("context.Background.WithValue(k, Point[x=1, y=2])");
        assertThat(Context.withValue(background(), k, new Secret()))
                .as("no toString of its own: the type name, as Go prints non-Stringers")
                .hasToString("context.Background.WithValue(k, " + Secret.class.getName() + ")");
        assertThat(Context.withValue(background(), k, null)).hasToString("context.Background.WithValue(k, <nil>)");
        assertThat(Context.withCancel(Context.withValue(Context.todo(), k, "v")))
                .hasToString("context.TODO.WithValue(k, v).WithCancel");
    }

    // ---- withoutCancel ----

    @Test
    void withoutCancelKeepsValuesButIsNeverCancelled() {
        Context.Key<String> k = Context.key("k");
        CancelableContext parent = Context.withTimeout(Context.withValue(background(), k, "v"), HOUR);
        Context detached = Context.withoutCancel(parent);
        CancelableContext below = Context.withCancel(detached);
        parent.cancel();
        assertThat(detached.value(k)).isEqualTo("v");
        assertThat(detached.done()).isNull();
        assertThat(detached.err()).isNull();
        assertThat(detached.deadline()).isEmpty();
        assertThat(below.err()).as("a descendant of withoutCancel does not see the parent's cancel").isNull();
        assertThat(parent.childCount()).isZero();
        assertThat(detached.toString()).startsWith("context.Background.WithValue(k, v).WithDeadline(")
                .endsWith("]).WithoutCancel");
        below.cancel();
    }

    // ---- afterFunc ----

    @Test
    void afterFuncRunsOnceInItsOwnGoroutineAfterCancel() {
        CancelableContext ctx = Context.withCancel(background());
        Chan<Thread> ran = Chan.make(2);
        Context.AfterFunc stop = Context.afterFunc(ctx, () -> ran.send(Thread.currentThread()));
        assertThat(ran.tryRecv()).isNull();
        ctx.cancel();
        ctx.cancel();
        Thread t = ran.recv();
        assertThat(t).isNotSameAs(Thread.currentThread());
        assertThat(t.isVirtual()).isTrue();
        assertThat(stop.stop()).as("already started").isFalse();
        assertThat(ctx.childCount()).isZero();
        Context.afterFunc(ctx, () -> ran.send(Thread.currentThread())); // marker: a later start
        ran.recv();
        assertThat(ran.tryRecv()).as("the first function ran only once").isNull();
    }

    @Test
    void afterFuncOnADoneContextStartsAtOnce() {
        CancelableContext ctx = Context.withCancel(background());
        ctx.cancel();
        Chan<String> ran = Chan.make(1);
        Context.AfterFunc stop = Context.afterFunc(ctx, () -> ran.send("ran"));
        assertThat(ran.recv()).isEqualTo("ran");
        assertThat(stop.stop()).isFalse();
    }

    @Test
    void stoppedAfterFuncIsUnregisteredAndNeverRuns() {
        CancelableContext ctx = Context.withCancel(background());
        Chan<String> ran = Chan.make(2);
        Context.AfterFunc stop = Context.afterFunc(ctx, () -> ran.send("stopped one"));
        Context.afterFunc(ctx, () -> ran.send("kept one"));
        assertThat(ctx.childCount()).isEqualTo(2);
        assertThat(stop.stop()).isTrue();
        assertThat(stop.stop()).as("second stop").isFalse();
        assertThat(ctx.childCount()).isEqualTo(1);
        ctx.cancel();
        assertThat(ran.recv()).isEqualTo("kept one");
        assertThat(ran.tryRecv()).isNull();
        assertThat(ctx.err()).as("stop does not cancel the context").isSameAs(Context.CANCELED);
    }

    @Test
    void afterFuncOnANeverCancelledContextNeverRuns() {
        Context.AfterFunc stop = Context.afterFunc(Context.withoutCancel(background()), () -> {
            throw new AssertionError("must not run");
        });
        assertThat(stop.stop()).isTrue();
    }

    @Test
    void afterFuncSeesTheDeadline() {
        CancelableContext ctx = Context.withTimeout(background(), Duration.ofMillis(2));
        Chan<ContextException> err = Chan.make(1);
        Context.afterFunc(ctx, () -> err.send(ctx.err()));
        assertThat(err.recv()).isSameAs(Context.DEADLINE_EXCEEDED);
    }

    // ---- select ----

    @Test
    void selectOnDoneWithOtherCases() {
        CancelableContext ctx = Context.withCancel(background());
        Chan<String> data = Chan.make(1);
        data.send("x");
        List<String> got = new ArrayList<>();
        int chosen = Select.select(Select.recv(data, got::add), Select.recv(ctx.done(), v -> got.add("done")));
        assertThat(chosen).isZero();
        int dflt = Select.select(Select.recv(data, got::add), Select.recv(ctx.done(), v -> got.add("done")),
                Select.defaultCase(() -> got.add("default")));
        assertThat(dflt).isEqualTo(2);
        ctx.cancel();
        int cancelled = Select.select(Select.recv(data, got::add), Select.recv(ctx.done(), v -> got.add("done")));
        assertThat(cancelled).isEqualTo(1);
        assertThat(got).containsExactly("x", "default", "done");
        // background's nil done channel is a case that is never ready
        int never = Select.select(Select.recv(background().done(), v -> got.add("never")),
                Select.defaultCase(() -> got.add("default")));
        assertThat(never).isEqualTo(1);
    }

    @Test
    void aGoroutineBlockedInSelectWakesOnCancel() {
        CancelableContext ctx = Context.withCancel(background());
        Chan<String> never = Chan.make();
        Chan<ContextException> out = Chan.make(1);
        go4j.Go.go(() -> Select.select(Select.recv(never, v -> {}), Select.recv(ctx.done(), v -> out.send(ctx.err()))));
        ctx.cancel();
        assertThat(out.recv()).isSameAs(Context.CANCELED);
    }
}
