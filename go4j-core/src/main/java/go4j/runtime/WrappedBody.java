package go4j.runtime;

/**
 * A body that go4j's machinery runs around a user's body ({@code Go.run}'s): it names the user's
 * body, whose class stands for the go statement's site ({@link Sites}). Wrappers that are lambdas
 * are read reflectively instead; a class says it, so that the first {@code Go.run} of a fresh JVM
 * does not spin the JDK's reflective field access (~5 ms).
 */
public interface WrappedBody extends Runnable {
    /** The body this one runs. */
    Runnable body();
}
