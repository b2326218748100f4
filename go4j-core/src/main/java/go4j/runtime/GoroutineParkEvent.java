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
 * goroutine's at the moment it resumed, starting at the user's frame that called the primitive:
 * {@code @StackFilter} drops go4j's own frames (the primitive, its waiter, this event's commit)
 * from its top. The annotation lives in jdk.jfr's unexported package {@code jdk.jfr.events}, so
 * go4j-core compiles with {@code --add-exports jdk.jfr/jdk.jfr.events=ALL-UNNAMED}; JFR reads it at
 * run time without any flag, and a JDK without it would just keep the frames.
 */
@Name("go4j.GoroutinePark")
@Category({"go4j", "Goroutines"})
@Label("Goroutine Park")
@Description("A goroutine blocked in a go4j primitive, with Go's wait reason")
@Threshold("20 ms")
@StackTrace(true)
@jdk.jfr.events.StackFilter({
        "go4j.runtime.JfrEvents", "go4j.runtime.Park", "go4j.runtime.Sudog", "go4j.runtime.SelectWaiter",
        "go4j.Chan", "go4j.Chan$1", "go4j.Select", "go4j.sync.Sema", "go4j.sync.Mutex", "go4j.sync.RWMutex", "go4j.sync.RWMutex$1",
        "go4j.sync.WaitGroup", "go4j.sync.Cond", "go4j.sync.NotifyList", "go4j.sync.Once", "go4j.sync.Once$1",
        "go4j.sync.Once$2", "go4j.sync.Semaphore", "go4j.sync.ErrGroup", "go4j.time.Time"})
final class GoroutineParkEvent extends jdk.jfr.Event {
    @Label("Goroutine Id")
    long goid;

    @Label("Wait Reason")
    @Description("Go's wait reason: chan receive, chan send, select, sync.Mutex.Lock, ...")
    String waitReason;
}
