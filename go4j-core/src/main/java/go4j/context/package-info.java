/**
 * Go's {@code context} package: {@link go4j.context.Context} carries deadlines, cancellation and
 * request-scoped values through a tree of contexts rooted at
 * {@link go4j.context.Context#background()}.
 *
 * <p>The derived contexts that can be cancelled are {@link go4j.context.CancelableContext}s
 * ({@code AutoCloseable}: try-with-resources is Go's {@code defer cancel()});
 * {@link go4j.context.CancelCauseContext} adds a cancellation cause. A done context's error is
 * one of two stackless singletons, {@link go4j.context.Context#CANCELED} and
 * {@link go4j.context.Context#DEADLINE_EXCEEDED}, both {@link go4j.context.ContextException}s.
 *
 * <p>Operations elsewhere in go4j that take a context: {@code Chan.send(ctx, v)},
 * {@code Chan.recv(ctx)}, {@code Chan.recvOk(ctx)}, {@code Semaphore.acquire(ctx, n)} and
 * {@code ErrGroup.withContext(parent)}. Deadlines are timers of {@link go4j.time.Time}'s heap,
 * stopped as soon as their context is cancelled.
 */
package go4j.context;
