/**
 * {@code go4j table}: measures the classic "OS thread vs goroutine" comparison table on this
 * machine, and prints its usual claims beside the numbers.
 *
 * <h2>Structure</h2>
 * <ul>
 *   <li>{@link go4j.cli.table.Aspect}: one row of the table: its name, the usual claims, and how
 *       to measure it. One class per measured row ({@code SpawnCost}, {@code SwitchCost},
 *       {@code ParkedMemory}, {@code ChannelCost}, {@code StackSize}, {@code Scheduling},
 *       {@code GomaxprocsLimit}; {@code Blocking} makes both the "Blocking I/O" and the "Blocking
 *       CPU" row).</li>
 *   <li>{@link go4j.cli.table.Aspects#ALL}: the row list, in print order. Adding a row is one
 *       class and one line there.</li>
 *   <li>{@link go4j.cli.table.Flavor}: the three measured columns: OS (platform) threads, JDK
 *       virtual threads on the default scheduler, go4j goroutines ({@code go4j.Go.go}).</li>
 *   <li>{@link go4j.cli.table.Row} and {@link go4j.cli.table.Measurement}: what a row measured,
 *       printed by {@link go4j.cli.table.TablePrinter} as text or JSON.</li>
 *   <li>Helpers shared by rows: {@link go4j.cli.table.Rounds} (warm-up, then the median of
 *       rounds), {@link go4j.cli.table.Memory} (heap after GC, resident set size),
 *       {@link go4j.cli.table.ParkedGroup} (N threads parked at a given stack depth),
 *       {@code OsThreadRss} (the resident set per parked OS thread, in a child JVM with a fixed heap),
 *       {@link go4j.cli.table.CpuCrowd} (CPU-bound goroutines that count how many run at once),
 *       {@link go4j.cli.table.TickerGap} (the largest gap of a 10 ms ticker beside blocked or busy
 *       threads; also a program, run in a child JVM by {@code ChildJvm} when a row needs JVM flags
 *       of its own, such as the JDK scheduler's parallelism), {@code NativeSleep} (libc usleep
 *       through FFM), {@code Conduit} (a go4j channel or a JDK queue behind one send/receive).</li>
 * </ul>
 *
 * <h2>Rules every row keeps</h2>
 * Numbers are medians of {@link go4j.cli.table.Settings#rounds()} rounds after
 * {@link go4j.cli.table.Settings#warmups()} warm-up rounds. Sizes come from
 * {@link go4j.cli.table.Settings#n(int, int)}, so {@code --quick} and the hidden {@code --scale}
 * shrink every row alike. The go4j column measures whatever {@code Go.go} does: when go4j falls
 * back to the JDK's default scheduler (no {@code --add-opens}; the header says so) it equals the
 * JDK column.
 */
package go4j.cli.table;
