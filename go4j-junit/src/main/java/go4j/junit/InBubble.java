package go4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test method in a synctest bubble, as Go's {@code synctest.Test(t, f)} does: the test
 * body is the bubble's first goroutine, sees a fake clock starting at 2000-01-01T00:00:00Z, and
 * the test ends when every goroutine it started has ended.
 * <pre>{@code
 * @InBubble
 * class RetryTest {
 *     @Test void givesUpAfterAnHour() {
 *         Instant start = Time.now();
 *         assertThatThrownBy(() -> retry(op, Duration.ofHours(1))).isInstanceOf(DeadlineExceededException.class);
 *         assertThat(Time.since(start)).isEqualTo(Duration.ofHours(1)); // in microseconds of real time
 *     }
 * }
 * }</pre>
 * A bubble that deadlocks fails the test with {@code go4j.synctest.SynctestDeadlockException},
 * which lists its goroutines. {@code @BeforeEach} and {@code @AfterEach} methods run outside the
 * bubble, so what they make is not the bubble's.
 *
 * <p>On a class it applies to every test in it (and in subclasses); on a method, to that test.
 * See {@link SynctestExtension} for use with {@code @RegisterExtension}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(SynctestExtension.class)
public @interface InBubble {}
