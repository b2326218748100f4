package go4j.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The JDK's floors under any virtual-thread scheduler, measured on the simplest scheduler there
 * is: one platform thread that runs whatever is submitted (a lock-free queue, the carrier
 * spinning on it, and parking only when it has been idle a while).
 * <ul>
 *   <li>{@code pingpong}: a park/unpark ping-pong between two virtual threads. Per round trip: two
 *       unparks, two unmounts (continuation freezes) and two mounts (thaws), and nothing else.
 *       go4j's own raw park/unpark round trip and its channel round trip are measured against this.
 *   <li>{@code spawn}: spawn-and-finish, as the table's Creation row does it: a virtual thread
 *       starts 100,000 whose body counts down, and waits for all; per thread, the JDK's
 *       construction, start, mount, run and end, and the queue's offer and poll. Printed beside
 *       the same loop on the JDK's default scheduler ({@code Thread.ofVirtual()}), in the same
 *       JVM, alternated.
 * </ul>
 * Both are quoted in docs/performance.md.
 *
 * <p>Run: {@code java --add-opens java.base/java.lang=ALL-UNNAMED -cp 'go4j-bench/target/go4j-bench.jar:go4j-bench/target/lib/*'
 * go4j.bench.JdkFloor [pingpong|spawn] [rounds]}; prints one line per round.
 */
public final class JdkFloor {
    private JdkFloor() {}

    private static final int N = 1_000_000;
    private static volatile int turn;
    /** Spins of an idle carrier before it parks: tens of microseconds, longer than any hand-over here. */
    private static final int CARRIER_SPINS = 100_000;
    /** Set by the carrier before it parks (then it re-checks the queue); read by submitters after they queue. */
    private static volatile boolean carrierIdle;

    public static void main(String[] args) throws Throwable {
        String what = args.length > 0 ? args[0] : "pingpong";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Class<?> builders = Class.forName("java.lang.ThreadBuilders");
        MethodHandle newVirtualThread = MethodHandles.privateLookupIn(builders, MethodHandles.lookup())
                .findStatic(builders, "newVirtualThread",
                        MethodType.methodType(Thread.class, Executor.class, String.class, int.class, Runnable.class));
        ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
        Thread carrier = Thread.ofPlatform().daemon().name("floor-carrier").start(() -> {
            for (int idleSpins = 0; ; ) {
                Runnable r = queue.poll();
                if (r != null) {
                    r.run();
                    idleSpins = 0;
                } else if (++idleSpins < CARRIER_SPINS) {
                    Thread.onSpinWait();
                } else { // idle a while (between rounds, or while the default scheduler's turn runs): off the CPU
                    carrierIdle = true;
                    if (queue.isEmpty()) LockSupport.park();
                    carrierIdle = false;
                    idleSpins = 0;
                }
            }
        });
        Executor scheduler = r -> {
            queue.add(r);
            if (carrierIdle) LockSupport.unpark(carrier);
        };
        switch (what) {
            case "pingpong" -> pingPong(newVirtualThread, scheduler, rounds);
            case "spawn" -> spawn(newVirtualThread, scheduler, rounds);
            default -> throw new IllegalArgumentException("pingpong or spawn, not " + what);
        }
        carrier.interrupt();
    }

    private static void pingPong(MethodHandle newVirtualThread, Executor scheduler, int rounds) throws Throwable {
        for (int round = 0; round < rounds; round++) {
            CountDownLatch done = new CountDownLatch(1);
            Thread[] t = new Thread[2];
            t[1] = (Thread) newVirtualThread.invoke(scheduler, "pong", 0, (Runnable) () -> {
                for (int i = 0; i < N; i++) {
                    while (turn != 1) LockSupport.park();
                    turn = 0;
                    LockSupport.unpark(t[0]);
                }
            });
            t[0] = (Thread) newVirtualThread.invoke(scheduler, "ping", 0, (Runnable) () -> {
                long start = System.nanoTime();
                for (int i = 0; i < N; i++) {
                    turn = 1;
                    LockSupport.unpark(t[1]);
                    while (turn != 0) LockSupport.park();
                }
                System.out.printf("JDK floor: park/unpark round trip on a one-thread scheduler: %.0f ns%n",
                        (System.nanoTime() - start) / (double) N);
                done.countDown();
            });
            t[1].start();
            t[0].start();
            done.await();
        }
    }

    private static final int SPAWNS = 100_000;

    /** Spawn-and-finish on the one-thread scheduler, then on the JDK's default one, alternated. */
    private static void spawn(MethodHandle newVirtualThread, Executor scheduler, int rounds) throws Throwable {
        for (int round = 0; round < rounds; round++) {
            double floor = spawnAndFinish(newVirtualThread, scheduler);
            double jdk = spawnAndFinish(null, null);
            System.out.printf("JDK floor: spawn-and-finish on a one-thread scheduler: %.0f ns; on the default scheduler: %.0f ns%n",
                    floor, jdk);
        }
    }

    /**
     * ns per thread for a virtual thread to start {@link #SPAWNS} and see all of them run; all on
     * {@code scheduler} through {@code newVirtualThread}, or on the default scheduler when null.
     */
    private static double spawnAndFinish(MethodHandle newVirtualThread, Executor scheduler) throws Throwable {
        double[] ns = new double[1];
        Runnable spawner = () -> ns[0] = spawnAll(newVirtualThread, scheduler);
        Thread t = newThread(newVirtualThread, scheduler, spawner);
        t.start();
        t.join();
        return ns[0];
    }

    private static double spawnAll(MethodHandle newVirtualThread, Executor scheduler) {
        AtomicInteger remaining = new AtomicInteger(SPAWNS);
        Thread waiter = Thread.currentThread();
        Runnable body = () -> {
            if (remaining.decrementAndGet() == 0) LockSupport.unpark(waiter);
        };
        long t0 = System.nanoTime();
        for (int i = 0; i < SPAWNS; i++) newThread(newVirtualThread, scheduler, body).start();
        while (remaining.get() > 0) LockSupport.park(remaining);
        return (System.nanoTime() - t0) / (double) SPAWNS;
    }

    private static Thread newThread(MethodHandle newVirtualThread, Executor scheduler, Runnable task) {
        if (newVirtualThread == null) return Thread.ofVirtual().unstarted(task);
        try {
            return (Thread) newVirtualThread.invokeExact(scheduler, (String) null, 0, task);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
