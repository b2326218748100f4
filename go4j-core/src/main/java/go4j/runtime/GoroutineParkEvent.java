package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * JFR event {@code go4j.GoroutinePark}: a goroutine waited in a go4j primitive (channel, select,
 * mutex, wait group...). A duration event: it begins as the goroutine blocks and ends as it
 * resumes, so JFR's threshold (20 ms by default) keeps only the long waits. The stack trace is the
 * goroutine's at the moment it resumed, inside the primitive it waited in.
 */
@Name("go4j.GoroutinePark")
@Category({"go4j", "Goroutines"})
@Label("Goroutine Park")
@Description("A goroutine blocked in a go4j primitive, with Go's wait reason")
@Threshold("20 ms")
@StackTrace(true)
final class GoroutineParkEvent extends jdk.jfr.Event {
    @Label("Goroutine Id")
    long goid;

    @Label("Wait Reason")
    @Description("Go's wait reason: chan receive, chan send, select, sync.Mutex.Lock, ...")
    String waitReason;
}
