package go4j.cli.table;

import java.util.List;

/** The table's rows, in print order. Adding a row: write its {@link Aspect} class, add one line here. */
public final class Aspects {
    private Aspects() {}

    /** Every row of the table. */
    public static final List<Aspect> ALL = List.of(
            new SpawnCost(),
            new ParkedMemory(),
            new SwitchCost(),
            new NotMeasuredYet("Channel round trip", "-", "-", "go4j.Chan"),
            new NotMeasuredYet("Blocking I/O", "Blocks the thread", "Runtime parks goroutine, reuses thread",
                    "the blocking-call handoff (Go.syscall, sysmon)"),
            new NotMeasuredYet("Blocking CPU", "Other threads still run", "Can starve other goroutines on that P",
                    "preemption (sysmon, Go.checkpoint)"),
            new StackSize(),
            new Scheduling(),
            new GomaxprocsLimit(),
            new LeakDetection());
}
