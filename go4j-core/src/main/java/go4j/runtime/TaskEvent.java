package go4j.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR event {@code go4j.Task}: a user task ({@code Trace.newTask} to {@code end}), Go's {@code trace.NewTask}. */
@Name("go4j.Task")
@Category({"go4j", "Trace"})
@Label("Trace Task")
@Description("A logical operation that may span goroutines, from Trace.newTask to its end")
@Enabled(false)
@StackTrace(false)
final class TaskEvent extends jdk.jfr.Event {
    @Label("Task Id")
    long task;

    @Label("Name")
    String name;

    @Label("Parent Task Id")
    long parent;

    @Label("Goroutine Id")
    @Description("The goroutine that created the task; 0 for a platform thread")
    long goid;
}
