package go4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails each test that leaves goroutines behind, as Go's {@code goleak.VerifyNone} does:
 * <pre>{@code
 * @VerifyNoLeaks
 * class WorkerPoolTest {
 *     @Test void shutsDownCleanly() { ... }
 * }
 * }</pre>
 * After each test, goroutines that were started during the test and still exist get
 * {@link #graceMillis()} to finish; those that remain fail the test, listed with their
 * tracebacks in Go's form ({@code goroutine 7 [chan receive]:}, frames, {@code created by ...}),
 * and those the garbage collector proved leaked (blocked forever on a channel or lock nothing can
 * reach) are listed as leaked. Goroutines that existed before the test are ignored (goleak's
 * {@code IgnoreCurrent}), so tests can share long-lived goroutines set up once.
 *
 * <p>On a class it applies to every test in it (and in subclasses); on a method, to that test;
 * a method's annotation overrides its class's. See {@link VerifyNoGoroutineLeaks} for use with
 * {@code @RegisterExtension}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(VerifyNoGoroutineLeaks.class)
public @interface VerifyNoLeaks {
    /** How long goroutines started by the test may take to end after it, in milliseconds (default 1 s). */
    long graceMillis() default VerifyNoGoroutineLeaks.DEFAULT_GRACE_MILLIS;

    /**
     * Goroutines whose stack contains a frame of one of these methods, written
     * {@code com.acme.Pool.worker} (or a class name, {@code com.acme.Pool}, for all its methods),
     * are not counted: goleak's {@code IgnoreAnyFunction}.
     */
    String[] ignoreFrames() default {};
}
