package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR event {@code go4j.Steal}: a P took work from another P's run queue. Off by default (frequent). */
@Name("go4j.Steal")
@Category({"go4j", "Scheduler"})
@Label("Steal")
@Description("A processor stole goroutines from another processor's run queue")
@Enabled(false)
@StackTrace(false)
final class StealEvent extends jdk.jfr.Event {
    @Label("Thief P")
    int p;

    @Label("Victim P")
    int victim;

    @Label("Goroutines Taken")
    @Description("How many runnable goroutines moved in this steal (1 when runnext was taken)")
    int count;
}
