package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event {@code go4j.Leak}: the garbage collector proved a goroutine leaked (blocked on a
 * primitive nothing alive can reach). Emitted by the leak detector's thread.
 */
@Name("go4j.Leak")
@Category({"go4j", "Goroutines"})
@Label("Goroutine Leak")
@Description("A goroutine blocked forever on a primitive nothing alive can reach; found by the GC")
@StackTrace(false)
final class LeakEvent extends jdk.jfr.Event {
    @Label("Goroutine Id")
    long goid;

    @Label("Wait Reason")
    String waitReason;

    @Label("Blocked For")
    @Timespan(Timespan.NANOSECONDS)
    long blocked;

    @Label("Primitive Made At")
    @Description("Where the channel or primitive it was blocked on was made, if recorded")
    String madeAt;

    @Label("Created By")
    @Description("Where its go(...) was, and in which goroutine: Foo.main(Foo.java:9) in goroutine 1")
    String createdBy;
}
