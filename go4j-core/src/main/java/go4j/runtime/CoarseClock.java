package go4j.runtime;

/**
 * A clock that sysmon advances every round, cheap to read where a wait or a queue entry only
 * needs its start time to within a sysmon period ({@link Park}, {@link GlobalRunQueue}). It
 * reads as 0, meaning "take the exact clock", until a sysmon runs and while sysmon sleeps deeply.
 * Only the start of an interval reads it: whoever reports a duration takes the exact clock for its
 * end, so a report is late by at most a sysmon period, never short by a deep sleep (a leak found
 * 1.5 s after it parked was once reported as blocked 6 ms).
 */
final class CoarseClock {
    private CoarseClock() {}

    /** The last tick, or 0. Written by sysmon only. */
    private static volatile long nanos;

    /** Now, to within a sysmon period (at most 10 ms, and never ahead); exact when no sysmon advances it. */
    static long nanotime() {
        long c = nanos;
        return c != 0 ? c : System.nanoTime();
    }

    /**
     * This clock as a {@code LongSupplier}, the global queue's seam. A class, not the method
     * reference {@code CoarseClock::nanotime}: the first scheduler makes it on the first go
     * statement's path, where spinning a method reference costs a fresh JVM ~2-5 ms.
     */
    static final class Supplier implements java.util.function.LongSupplier {
        @Override
        public long getAsLong() {
            return nanotime();
        }
    }

    /** Sysmon's round: the clock reads now. */
    static void tick() {
        nanos = System.nanoTime();
    }

    /** Sysmon sleeps deeply and nobody advances the clock: readers take the exact one. */
    static void stop() {
        nanos = 0;
    }
}
