package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code go4j.GoroutineCreate}: a go statement ran. Emitted by the creating thread (the
 * event's thread), so the event's stack trace, when enabled, is the go statement's. Off by default:
 * a busy program creates millions.
 */
@Name("go4j.GoroutineCreate")
@Category({"go4j", "Goroutines"})
@Label("Goroutine Create")
@Description("A goroutine was created (go statement); emitted by its creator")
@Enabled(false)
@StackTrace(false)
final class GoroutineCreateEvent extends jdk.jfr.Event {
    @Label("Goroutine Id")
    long goid;

    @Label("Parent Goroutine Id")
    @Description("The creating goroutine, 0 when created from a platform thread")
    long parentGoid;

    @Label("Created By")
    @Description("Where the go statement is, when creation sites are recorded")
    String site;
}
