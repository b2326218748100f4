package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR event {@code go4j.Region}: a user region ({@code Trace.region}), Go's {@code trace.WithRegion}. */
@Name("go4j.Region")
@Category({"go4j", "Trace"})
@Label("Trace Region")
@Description("A region of a goroutine's work marked with Trace.region")
@Enabled(false)
@StackTrace(false)
final class RegionEvent extends jdk.jfr.Event {
    @Label("Goroutine Id")
    long goid;

    @Label("Name")
    String name;

    @Label("Task Id")
    @Description("The task the region belongs to; 0 for none")
    long task;
}
