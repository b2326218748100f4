package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event {@code go4j.Handoff}: sysmon found a carrier blocked inside a goroutine (a call that
 * nobody declared with {@code Go.syscall}) while work waited, and handed its P to another M.
 */
@Name("go4j.Handoff")
@Category({"go4j", "Scheduler"})
@Label("Handoff")
@Description("sysmon handed the P of a carrier blocked in an undeclared call to another carrier")
@StackTrace(false)
final class HandoffEvent extends jdk.jfr.Event {
    @Label("P")
    int p;

    @Label("Goroutine Id")
    @Description("The goroutine blocked in the call; -1 when unknown")
    long goid;

    @Label("Blocked For")
    @Description("How long the goroutine had held the carrier when sysmon took the P")
    @Timespan(Timespan.NANOSECONDS)
    long blocked;

    @Label("Stack")
    @Description("The blocked goroutine's top frames")
    String stack;
}
