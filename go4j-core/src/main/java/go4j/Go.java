package go4j;

import go4j.runtime.Census;
import go4j.runtime.G;
import go4j.runtime.Panics;
import go4j.runtime.Preempt;
import go4j.runtime.GoRuntime;
import go4j.runtime.Sched;

/**
 * Goroutines, and the runtime's controls: Go's {@code go} statement and package {@code runtime}.
 *
 * <pre>{@code
 * import static go4j.Go.go;
 *
 * go(() -> results.send(fetch(url)));
 * }</pre>
 *
 * <p>A goroutine is a JDK virtual thread scheduled by go4j's G-M-P scheduler onto
 * {@link #gomaxprocs()} carrier threads. Blocking in a goroutine (channels, locks, sleeps, socket
 * I/O) parks it and frees its carrier for the others.
 *
 * <p>An exception that escapes a goroutine's body is printed in the form of Go's panic report
 * ({@code panic: ...}, {@code goroutine N [running]:}, the stack) and does not disturb the other
 * goroutines; {@link #setPanicHandler} replaces the print.
 */
public final class Go {
    private Go() {}

    /** Starts {@code body} as a new goroutine (Go's {@code go body()}). */
    public static void go(Runnable body) {
        Sched.get().newproc(body);
    }

    /**
     * A new {@link java.util.concurrent.ExecutorService} that runs every task in its own
     * goroutine, for JDK APIs that take an executor ({@code HttpServer.setExecutor},
     * {@code HttpClient.Builder.executor}, {@code CompletableFuture.supplyAsync}). Each call
     * returns a new executor tracking its own tasks; see {@link GoroutineExecutor}.
     */
    public static GoroutineExecutor executor() {
        return new GoroutineExecutor();
    }

    /**
     * A {@link java.util.concurrent.ThreadFactory} whose threads are goroutines: unstarted
     * virtual threads on go4j's scheduler, named {@code goroutine N}, N the goroutine's id, which is the thread's id.
     */
    public static java.util.concurrent.ThreadFactory threadFactory() {
        return GoroutineThreadFactory.INSTANCE;
    }

    /**
     * Runs {@code body} as a goroutine and waits until it ends, rethrowing what it threw (an
     * unchecked exception or error as it is; a checked one wrapped in a {@link RuntimeException}).
     * While waiting, an interrupt of the caller is remembered and restored afterwards; the body
     * runs to its end.
     */
    public static void run(Runnable body) {
        Throwable[] failure = new Throwable[1];
        // In a synctest bubble a join is not a durable wait (the bubble's clock would stand still
        // while the body sleeps on it): wait on a channel of the bubble instead.
        Chan<Void> ended = G.currentBubble() == null ? null : Chan.make();
        G g = Sched.get().newproc(new RunBody(body, failure, ended));
        Thread main = g.thread(); // held here while we wait: its G refers to it only weakly
        boolean interrupted = false;
        if (ended != null) {
            ended.recv(); // an interrupt's status is kept, as by any channel wait
        } else {
            // A main thread waiting here may be part of a deadlock; it is readied when the body ends.
            go4j.runtime.Park.waiting(go4j.runtime.WaitReason.GO_RUN, new BodyEnded(main));
            try {
                // Collected already: it blocked on something nothing can reach, and never ends.
                if (main == null) go4j.runtime.Sudog.parkForever(go4j.runtime.WaitReason.GO_RUN, null, false);
                while (true) {
                    try {
                        main.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                go4j.runtime.Park.running();
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable t = failure[0];
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error err) throw err;
        if (t != null) throw new RuntimeException(t);
    }

    /**
     * The goroutine {@link #run} starts: the body, its failure kept for the caller. A class, not a
     * lambda: a program's first go statement is often a {@code Go.run}, and in a fresh JVM
     * spinning a lambda costs milliseconds ({@code bench/startup}).
     */
    private record RunBody(Runnable body, Throwable[] failure, Chan<Void> ended) implements go4j.runtime.WrappedBody {
        @Override
        public void run() {
            try {
                body.run();
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                if (ended != null) ended.close();
            }
        }
    }

    /**
     * Whether {@code Go.run}'s body has ended: the probe by which the deadlock check sees a main
     * thread readied but not yet running. A record, not a lambda, for the reason above.
     */
    private record BodyEnded(Thread thread) implements java.util.function.BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            return thread != null && !thread.isAlive();
        }
    }

    /** Yields the processor so other goroutines can run (Go's {@code runtime.Gosched}). */
    public static void gosched() {
        Sched.get().gosched();
    }

    /** The number of Ps: how many goroutines may run in parallel (Go's {@code runtime.GOMAXPROCS(0)}). */
    public static int gomaxprocs() {
        return GoRuntime.gomaxprocs();
    }

    /**
     * Sets GOMAXPROCS and returns the previous value; {@code n < 1} only queries. Shrinking moves
     * the removed processors' queued goroutines to the global queue: none is lost.
     */
    public static int gomaxprocs(int n) {
        return GoRuntime.gomaxprocs(n);
    }

    /** The number of goroutines that exist (started and not yet ended). */
    public static int numGoroutine() {
        return (int) Math.min(Integer.MAX_VALUE, GoRuntime.numGoroutine());
    }

    /**
     * Records where {@code primitive} (a channel, mutex, wait group...) was made, for leak
     * reports: the call the preemption agent inserts after each primitive's construction in the
     * classes it instruments. It sits here, beside {@link #checkpoint()}, because instrumented code
     * may be in any module and can call only what go4j exports. A primitive of another type is
     * ignored.
     */
    public static void primitiveMade(Object primitive, String site) {
        go4j.runtime.PrimitiveSites.made(primitive, site);
    }

    /**
     * A preemption point: yields when the runtime asked the current goroutine to give up its
     * processor (it has run for more than 10 ms). Near-free otherwise. The agent inserts calls to
     * this method on loop back-edges.
     */
    public static void checkpoint() {
        if (Preempt.pending) Preempt.poll();
    }

    /**
     * Declares a call that blocks the carrier thread (file I/O, a JNI or FFM downcall, a lock held
     * by native code): the goroutine's processor is handed to another carrier before the call, so
     * the other goroutines keep running, and taken back after it (Go's entersyscallblock and
     * exitsyscall). Calls nobody declared are caught later by sysmon, which hands the processor
     * off once it sees the carrier blocked. From a platform thread the call simply runs.
     */
    public static void syscall(Runnable call) {
        try {
            GoRuntime.syscall(() -> {
                call.run();
                return null;
            });
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e); // a Runnable throws no checked exception
        }
    }

    /**
     * {@link #syscall(Runnable)} for a call with a result. A checked exception thrown by the call
     * is rethrown wrapped: {@link java.io.UncheckedIOException} for an {@link java.io.IOException},
     * a {@link RuntimeException} otherwise.
     */
    public static <T> T syscall(java.util.concurrent.Callable<T> call) {
        try {
            return GoRuntime.syscall(call);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    /**
     * Reports of goroutines that ran for 100 ms or more without yielding (most recent last), in
     * the form printed to stderr: {@code go4j: goroutine 12 has run 100 ms on P0 without yielding}.
     * Run the preemption agent, or call {@link #checkpoint()} in long loops, to let them yield.
     */
    public static java.util.List<String> hogs() {
        return GoRuntime.hogs();
    }

    /**
     * Wires the calling goroutine to its carrier thread (Go's {@code runtime.LockOSThread}): it
     * always resumes on that thread, and the thread runs no other goroutine until as many
     * {@link #unlockOSThread()} calls have been made (calls nest). While the goroutine is parked,
     * its processor serves other goroutines on other threads. A goroutine that ends locked frees
     * the thread. On a platform thread (which is its own OS thread) this does nothing.
     */
    public static void lockOSThread() {
        GoRuntime.lockOSThread();
    }

    /** Undoes one {@link #lockOSThread()}; extra calls are ignored, as in Go. */
    public static void unlockOSThread() {
        GoRuntime.unlockOSThread();
    }

    /**
     * A traceback in Go's form (Go's {@code runtime.Stack}): the calling goroutine's, or with
     * {@code all} every goroutine's, each as {@code goroutine 7 [chan receive, 3 minutes]:}, its
     * frames, and {@code created by ... in goroutine 1}.
     */
    public static String stack(boolean all) {
        return GoRuntime.stack(all);
    }

    /**
     * Writes Go's goroutine profile to {@code out} in pprof's format (gzipped protobuf): every
     * goroutine's stack, identical ones counted once, the wait reason as the label {@code state}.
     * {@code go tool pprof -top profile.pb.gz} and any pprof viewer read it. {@code out} is left open.
     *
     * @throws java.io.UncheckedIOException when writing fails
     */
    public static void profile(java.io.OutputStream out) {
        try {
            GoRuntime.profile(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Runs a full garbage collection and returns the goroutines found leaked so far: blocked in a
     * go4j primitive (channel, select, mutex, wait group, cond, semaphore) that nothing alive can
     * reach, so they can never run again. Each is also reported on stderr as it is found, unless
     * {@link #setLeakWarnings(boolean) turned off} or {@code -Dgo4j.leaks=quiet}.
     */
    public static java.util.List<Leak> leaks() {
        return GoRuntime.leaks();
    }

    /** Turns the one-line stderr warning for each leaked goroutine on or off. */
    public static void setLeakWarnings(boolean on) {
        GoRuntime.setLeakWarnings(on);
    }

    /** Go's {@code debug.SetMaxThreads}: the most carrier threads the runtime may create; returns the previous cap. */
    public static int setMaxThreads(int n) {
        return GoRuntime.setMaxThreads(n);
    }

    /** One line in the form of Go's {@code GODEBUG=schedtrace} output, with per-P steal counts. */
    public static String schedtrace() {
        return GoRuntime.schedtrace();
    }

    /**
     * A snapshot of the runtime's gauges and counters: goroutines (also by state and by wait
     * reason), Ps, threads, run queues, steals, preemptions, handoffs, syscalls, hogs, leaks. It
     * walks every goroutine, so it costs O(goroutines): for monitoring, not for hot paths. The
     * same figures are in the JMX bean {@code go4j:type=Runtime}.
     */
    public static Metrics metrics() {
        return Census.metrics(Sched.get());
    }

    /** Whether goroutines run on go4j's scheduler (false: the JDK's default one, see the warning printed at start). */
    public static boolean schedulerActive() {
        return GoRuntime.isCustom();
    }

    /**
     * Installs the handler for exceptions that escape goroutines (null restores Go's panic print
     * to stderr) and returns the previous one.
     */
    public static PanicHandler setPanicHandler(PanicHandler handler) {
        return Panics.setHandler(handler);
    }
}
