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
            new ChannelCost(),
            Blocking.io(),
            Blocking.cpu(),
            new StackSize(),
            new Scheduling(),
            new GomaxprocsLimit(),
            new LeakDetection());
}
