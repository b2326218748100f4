package go4j.cli.table;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * N threads of one {@link Flavor}, each parked at the bottom of a recursion {@code depth} frames
 * deep, for measuring what a parked thread costs. With an {@code excursion}, each thread first
 * goes that many frames deeper, yields there (a virtual thread's frames move to the heap), and
 * comes back before parking: what is left shows whether a stack shrinks. The constructor only allocates the bookkeeping,
 * so a caller can read its memory gauges between construction and {@link #parkAll()}.
 *
 * <p>Protocol: {@link #parkAll()} starts the N threads and returns once every one of them has
 * counted itself in and is in state {@code WAITING}; {@link #close()} sets {@code released},
 * unparks each, joins each, and waits until the OS has torn down the threads it started: a
 * terminated Java thread's native stack is released a little later, and a measurement that
 * overlapped that release would read a shrinking resident set. Used by one driver thread only.
 */
final class ParkedGroup implements AutoCloseable {
    private final Flavor flavor;
    private final int depth;
    /** Extra frames each thread visits, and yields in, before parking; 0 for none. */
    private final int excursion;
    /** Slot i written once by thread i before it parks; read by the driver after {@code arrived} is full. */
    private final Thread[] threads;
    /** Threads that have registered and are about to park; the last one unparks the driver. */
    private final AtomicInteger arrived = new AtomicInteger();
    /** Set once by the driver in {@link #close()}; parked threads exit when they see it. */
    private volatile boolean released;
    /** The driver, unparked by the last thread to arrive. */
    private volatile Thread driver;
    /** The process's OS thread count before {@link #parkAll()}; -1 if unknown. Driver only. */
    private int osThreadsBefore = -1;

    ParkedGroup(Flavor flavor, int n, int depth) {
        this(flavor, n, depth, 0);
    }

    ParkedGroup(Flavor flavor, int n, int depth, int excursion) {
        if (n < 1 || depth < 1 || excursion < 0) {
            throw new IllegalArgumentException("need n >= 1, depth >= 1, excursion >= 0");
        }
        this.flavor = flavor;
        this.depth = depth;
        this.excursion = excursion;
        this.threads = new Thread[n];
    }

    /** Starts the N threads; returns when all are parked at depth. */
    void parkAll() {
        driver = Thread.currentThread();
        osThreadsBefore = Memory.osThreads();
        for (int i = 0; i < threads.length; i++) {
            int slot = i;
            flavor.start(() -> descend(slot, depth));
        }
        while (arrived.get() < threads.length) LockSupport.park(this);
        // Counted in is not yet parked: a virtual thread's stack moves to the heap when it unmounts.
        for (Thread t : threads) {
            while (t.getState() != Thread.State.WAITING) LockSupport.parkNanos(100_000);
        }
    }

    /** Releases every thread and waits until all have ended. */
    @Override
    public void close() {
        released = true;
        for (Thread t : threads) if (t != null) LockSupport.unpark(t);
        for (Thread t : threads) if (t != null) Uninterruptibly.join(t);
        if (osThreadsBefore < 0) return;
        long deadline = System.nanoTime() + TEARDOWN_WAIT_NANOS;
        while (Memory.osThreads() > osThreadsBefore && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** How long {@link #close()} waits for the OS to tear down threads (others may start threads too). */
    private static final long TEARDOWN_WAIT_NANOS = 5_000_000_000L;

    /** Recurses {@code frames} deep, then parks; not a tail call, so every frame stays on the stack. */
    private int descend(int slot, int frames) {
        if (frames <= 1) {
            parkHere(slot);
            return 1;
        }
        return descend(slot, frames - 1) + 1;
    }

    /** Recurses {@code frames} deep and yields at the bottom; frames shaped like {@link #descend}'s. */
    private int excurse(int slot, int frames) {
        if (frames <= 1) {
            Thread.yield();
            return 1;
        }
        return excurse(slot, frames - 1) + 1;
    }

    private void parkHere(int slot) {
        if (excursion > 0) excurse(slot, excursion);
        threads[slot] = Thread.currentThread();
        if (arrived.incrementAndGet() == threads.length) LockSupport.unpark(driver);
        while (!released) LockSupport.park(this);
    }
}
