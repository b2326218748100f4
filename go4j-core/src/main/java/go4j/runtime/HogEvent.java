package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event {@code go4j.Hog}: a goroutine held its P for 100 ms or more without yielding (the same
 * report sysmon prints to stderr): running a loop without checkpoints, or blocked in a call.
 */
@Name("go4j.Hog")
@Category({"go4j", "Scheduler"})
@Label("Hog")
@Description("A goroutine held its processor too long without yielding")
@StackTrace(false)
final class HogEvent extends jdk.jfr.Event {
    @Label("Goroutine Id")
    long goid;

    @Label("P")
    int p;

    @Label("Held For")
    @Timespan(Timespan.NANOSECONDS)
    long held;

    @Label("Blocked")
    @Description("True when blocked in a call (should be Go.syscall), false when running (needs checkpoints)")
    boolean blocked;

    @Label("Message")
    String message;

    @Label("Stack")
    @Description("The goroutine's top frames when it was reported")
    String stack;
}
