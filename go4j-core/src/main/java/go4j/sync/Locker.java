package go4j.sync;

/** Something that can be locked and unlocked: Go's {@code sync.Locker}. */
public interface Locker {
    /** Acquires the lock, parking until it is available. */
    void lock();

    /** Releases the lock. */
    void unlock();
}
