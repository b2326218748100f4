package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code go4j.GoroutineUnpark}: a goroutine was made runnable by another goroutine or a
 * thread (a channel partner, an unlock, a timer, the JDK's I/O poller, or its creator when it
 * starts). The event thread is the waker. Off by default; emitted only while {@link Tracing#on}.
 */
@Name("go4j.GoroutineUnpark")
@Category({"go4j", "Trace"})
@Label("Goroutine Unpark")
@Description("A goroutine was made runnable; by is the waking goroutine's id, 0 when a thread woke it")
@Enabled(false)
@StackTrace(false)
final class GoroutineUnparkEvent extends jdk.jfr.Event {
    @Label("Goroutine Id")
    long goid;

    @Label("By Goroutine")
    @Description("The goroutine that readied it; 0 when a platform thread did (timer, poller, main)")
    long by;
}
