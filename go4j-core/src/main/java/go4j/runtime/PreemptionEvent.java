package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code go4j.Preemption}: a goroutine that ran past its 10 ms time slice yielded at a
 * checkpoint because sysmon asked. The stack trace shows where (the checkpoint).
 */
@Name("go4j.Preemption")
@Category({"go4j", "Scheduler"})
@Label("Preemption")
@Description("A goroutine yielded at a checkpoint after running longer than its time slice")
@StackTrace(true)
final class PreemptionEvent extends jdk.jfr.Event {
    @Label("Goroutine Id")
    long goid;

    @Label("P")
    int p;
}
