package go4j.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;

/**
 * The one place go4j reaches into the JDK: virtual threads with our own scheduler.
 *
 * <p>{@code java.lang.ThreadBuilders.newVirtualThread(Executor, String, int, Runnable)} builds a
 * virtual thread whose every (re)scheduling calls our {@code Executor.execute}; the intrinsic
 * {@code Thread.currentCarrierThread()} tells, from inside a goroutine, which M it is mounted on.
 * Both are package-private, reached with {@code --add-opens java.base/java.lang=ALL-UNNAMED}
 * ({@code =go4j} on the module path).
 * Without that flag {@link #AVAILABLE} is false and goroutines run on the JDK's default scheduler.
 */
final class VirtualThreadHook {
    private VirtualThreadHook() {}

    static final boolean AVAILABLE;
    static final String UNAVAILABLE_REASON;
    private static final MethodHandle NEW_VIRTUAL_THREAD; // (Executor, String, int, Runnable) -> Thread
    private static final MethodHandle CURRENT_CARRIER;    // () -> Thread

    static {
        MethodHandle newVt = null, carrier = null;
        String reason = null;
        try {
            var lookup = MethodHandles.lookup();
            Class<?> builders = Class.forName("java.lang.ThreadBuilders");
            newVt = MethodHandles.privateLookupIn(builders, lookup).findStatic(builders, "newVirtualThread",
                    MethodType.methodType(Thread.class, Executor.class, String.class, int.class, Runnable.class));
            carrier = MethodHandles.privateLookupIn(Thread.class, lookup).findStatic(Thread.class,
                    "currentCarrierThread", MethodType.methodType(Thread.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            newVt = null;
            carrier = null;
        }
        NEW_VIRTUAL_THREAD = newVt;
        CURRENT_CARRIER = carrier;
        AVAILABLE = newVt != null;
        UNAVAILABLE_REASON = reason;
    }

    /**
     * What only LockOSThread, snapshots and sysmon's reports read: a holder, so that the first go
     * statement of a fresh JVM does not pay for their lookups.
     */
    private static final class OffStartPath {
        static final java.lang.invoke.VarHandle RUN_CONTINUATION = runContinuationHandle();
        static final java.lang.invoke.VarHandle CARRIER_THREAD = carrierThreadHandle();
        static final ClassValue<java.lang.reflect.Field> CAPTURED_THREAD = new ClassValue<>() {
            @Override
            protected java.lang.reflect.Field computeValue(Class<?> type) {
                return capturedField(type, f -> Thread.class.isAssignableFrom(f.getType()));
            }
        };
    }

    /**
     * The first field of {@code type} that {@code which} accepts, made accessible: what a lambda or
     * method reference captured. Null when there is none or it cannot be opened.
     */
    static java.lang.reflect.Field capturedField(Class<?> type, java.util.function.Predicate<java.lang.reflect.Field> which) {
        for (java.lang.reflect.Field f : type.getDeclaredFields()) {
            if (which.test(f)) {
                try {
                    f.setAccessible(true);
                    return f;
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static java.lang.invoke.VarHandle runContinuationHandle() {
        try {
            Class<?> vt = Class.forName("java.lang.VirtualThread");
            return MethodHandles.privateLookupIn(vt, MethodHandles.lookup()).findVarHandle(vt, "runContinuation", Runnable.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static java.lang.invoke.VarHandle carrierThreadHandle() {
        try {
            Class<?> vt = Class.forName("java.lang.VirtualThread");
            return MethodHandles.privateLookupIn(vt, MethodHandles.lookup()).findVarHandle(vt, "carrierThread", Thread.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The carrier virtual thread {@code vt} is mounted on, or null (unmounted, or unknown). Racy; for snapshots. */
    static Thread carrierOf(Thread vt) {
        if (!vt.isVirtual()) return null;
        java.lang.invoke.VarHandle carrier = OffStartPath.CARRIER_THREAD;
        return carrier == null ? null : (Thread) carrier.getVolatile(vt);
    }

    /**
     * The task the JDK hands to {@code execute} for virtual thread {@code vt} (its
     * {@code runContinuation}); null when unknown. Used off the hot path (LockOSThread).
     */
    static Runnable taskOf(Thread vt) {
        if (!vt.isVirtual()) return null;
        java.lang.invoke.VarHandle task = OffStartPath.RUN_CONTINUATION;
        return task == null ? null : (Runnable) task.get(vt);
    }

    /**
     * The virtual thread whose continuation {@code task} runs, read from the method reference's
     * captured receiver; null when unknown. Slow: for sysmon's reports only.
     */
    static Thread threadOf(Runnable task) {
        if (task == null) return null;
        java.lang.reflect.Field f = OffStartPath.CAPTURED_THREAD.get(task.getClass());
        if (f == null) return null;
        try {
            return (Thread) f.get(task);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static final MethodHandle THREAD_CONTAINER = threadContainerHandle(); // (Thread) -> ThreadContainer, as Object

    private static MethodHandle threadContainerHandle() {
        try {
            Class<?> container = Class.forName("jdk.internal.vm.ThreadContainer");
            return MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
                    .findVirtual(Thread.class, "threadContainer", MethodType.methodType(container))
                    .asType(MethodType.methodType(Object.class, Thread.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether the JDK keeps every virtual thread in its root container, strongly (it read
     * {@code jdk.trackAllThreads} as true when its first thread started): told from the class of
     * the root container that {@code started}, a started virtual thread, belongs to. Null when
     * it cannot be told (java.lang not opened).
     */
    static Boolean tracksAllThreads(Thread started) {
        if (THREAD_CONTAINER == null) return null;
        try {
            Object root = THREAD_CONTAINER.invokeExact(started);
            return root == null ? null : root.getClass().getName().contains("Tracking");
        } catch (Throwable e) {
            return null;
        }
    }

    private static final java.lang.invoke.VarHandle HANDLER = handlerHandle();

    private static java.lang.invoke.VarHandle handlerHandle() {
        try {
            return MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
                    .findVarHandle(Thread.class, "uncaughtExceptionHandler", Thread.UncaughtExceptionHandler.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Sets the uncaught-exception handler of {@code t}, which is not started yet, with a plain
     * store: {@code Thread.start} publishes it, and the public setter's volatile store would cost
     * every spawn a full fence. Falls back to the setter when the field is not reachable.
     */
    static void setHandlerBeforeStart(Thread t, Thread.UncaughtExceptionHandler h) {
        if (HANDLER != null) HANDLER.set(t, h); else t.setUncaughtExceptionHandler(h);
    }

    /** An unstarted virtual thread that runs {@code task} and is scheduled by {@code scheduler}. */
    static Thread newThread(Executor scheduler, String name, Runnable task) {
        try {
            return (Thread) NEW_VIRTUAL_THREAD.invokeExact(scheduler, name, 0, task);
        } catch (Throwable e) {
            throw new IllegalStateException("go4j: cannot create a virtual thread", e);
        }
    }

    /** The platform thread the current (virtual) thread is mounted on; the thread itself if platform. */
    static Thread currentCarrier() {
        try {
            return (Thread) CURRENT_CARRIER.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
