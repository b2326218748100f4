package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * JFR event {@code go4j.Syscall}: a goroutine ran a call declared with {@code Go.syscall}, with its
 * P handed to another carrier for the call's length (the event's duration). Threshold 1 ms by
 * default: short calls are many and harmless.
 */
@Name("go4j.Syscall")
@Category({"go4j", "Scheduler"})
@Label("Syscall")
@Description("A goroutine's declared blocking call (Go.syscall); its P was handed off for the duration")
@Threshold("1 ms")
@StackTrace(true)
final class SyscallEvent extends jdk.jfr.Event {
    @Label("Goroutine Id")
    long goid;

    @Label("P")
    @Description("The P handed off at the call's start")
    int p;
}
