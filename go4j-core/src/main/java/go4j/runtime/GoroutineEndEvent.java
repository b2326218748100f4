package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR event {@code go4j.GoroutineEnd}: a goroutine's body returned or threw. Off by default. */
@Name("go4j.GoroutineEnd")
@Category({"go4j", "Goroutines"})
@Label("Goroutine End")
@Description("A goroutine ended; emitted by the goroutine itself")
@Enabled(false)
@StackTrace(false)
final class GoroutineEndEvent extends jdk.jfr.Event {
    @Label("Goroutine Id")
    long goid;
}
