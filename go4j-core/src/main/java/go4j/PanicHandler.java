package go4j;

/** Receives an exception that escaped a goroutine's body. See {@link Go#setPanicHandler}. */
@FunctionalInterface
public interface PanicHandler {
    /** Called on the goroutine's own thread as it ends. */
    void panicked(long goid, Throwable panic);
}
