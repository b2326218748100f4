package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event {@code go4j.GoroutineRun}: one uninterrupted run of a goroutine on a P, from the moment
 * its M mounted it until it parked, yielded or ended (a span of {@code go tool trace}'s P lanes).
 * Emitted by the M as the run ends, so the event thread is the carrier; the span began
 * {@link #ran} before the event's time. The first event a carrier writes after an unmount is
 * dropped by the JDK, so the event is committed twice (see {@code JfrEvents.runEnd}): readers drop
 * a consecutive exact duplicate from the same carrier. Off by default, and begun only while
 * {@link Tracing#on}: a recording that enables it is a trace ({@code go4j.trace.Trace}).
 */
@Name("go4j.GoroutineRun")
@Category({"go4j", "Trace"})
@Label("Goroutine Run")
@Description("A goroutine ran on a P without interruption (one scheduling slice); emitted while tracing")
@Enabled(false)
@StackTrace(false)
final class GoroutineRunEvent extends jdk.jfr.Event {
    @Label("Goroutine Id")
    long goid;

    @Label("P")
    int p;

    @Label("Ran For")
    @Description("How long the run lasted; it ended at the event's time")
    @Timespan(Timespan.NANOSECONDS)
    long ran;
}
