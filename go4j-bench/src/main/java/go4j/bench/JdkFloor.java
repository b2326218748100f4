package go4j.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * The JDK's floor under any virtual-thread scheduler: a park/unpark ping-pong between two virtual
 * threads whose scheduler is the simplest there is, one platform thread that runs whatever is
 * submitted (a lock-free queue, the carrier spinning on it). Per round trip: two unparks, two
 * unmounts (continuation freezes) and two mounts (thaws), and nothing else. go4j's own raw
 * park/unpark round trip and its channel round trip are measured against this in
 * docs/performance.md.
 *
 * <p>Run: {@code java --add-opens java.base/java.lang=ALL-UNNAMED -cp 'go4j-bench/target/go4j-bench.jar:go4j-bench/target/lib/*'
 * go4j.bench.JdkFloor [rounds]}; prints one line per round of 1,000,000 round trips.
 */
public final class JdkFloor {
    private JdkFloor() {}

    private static final int N = 1_000_000;
    private static volatile int turn;

    public static void main(String[] args) throws Throwable {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Class<?> builders = Class.forName("java.lang.ThreadBuilders");
        MethodHandle newVirtualThread = MethodHandles.privateLookupIn(builders, MethodHandles.lookup())
                .findStatic(builders, "newVirtualThread",
                        MethodType.methodType(Thread.class, Executor.class, String.class, int.class, Runnable.class));
        ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
        Thread carrier = Thread.ofPlatform().daemon().name("floor-carrier").start(() -> {
            while (true) {
                Runnable r = queue.poll();
                if (r != null) r.run(); else Thread.onSpinWait();
            }
        });
        Executor scheduler = queue::add;
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
        carrier.interrupt();
    }
}
