package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR event {@code go4j.Log}: a user message in the trace ({@code Trace.log}), Go's {@code trace.Log}. */
@Name("go4j.Log")
@Category({"go4j", "Trace"})
@Label("Trace Log")
@Description("A message logged into the trace with Trace.log")
@Enabled(false)
@StackTrace(false)
final class TraceLogEvent extends jdk.jfr.Event {
    @Label("Goroutine Id")
    long goid;

    @Label("Task Id")
    long task;

    @Label("Category")
    String category;

    @Label("Message")
    String message;
}
