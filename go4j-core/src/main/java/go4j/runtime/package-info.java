/**
 * The go4j runtime: a G-M-P scheduler for JDK virtual threads. Internal: the public face is
 * {@code go4j.Go}.
 *
 * <h2>Glossary</h2>
 * <dl>
 * <dt>G</dt><dd>a goroutine: a JDK virtual thread whose scheduler is ours, plus its
 *     {@link go4j.runtime.G} (id, creation site, wait reason, status: a weak reference to the
 *     thread, which outlives a leaked one). The JDK gives us continuations, growable
 *     heap-allocated stacks and parking that unmounts the goroutine (channels, locks, sleeps,
 *     sockets); we decide where and when it runs.</dd>
 * <dt>M</dt><dd>a machine: a platform carrier thread ({@link go4j.runtime.M}). Created on demand,
 *     parked when idle, never polling.</dd>
 * <dt>P</dt><dd>a processor ({@link go4j.runtime.P}): the right to run goroutines. Exactly
 *     GOMAXPROCS of them; an M runs goroutines only while it holds one.</dd>
 * <dt>continuation</dt><dd>what the run queues hold: the {@code Runnable} the JDK hands to
 *     {@code Sched.execute} to mount a goroutine's virtual thread ({@code cont} in the code). Not
 *     the {@code G}: the scheduler never needs the G on the hot path.</dd>
 * <dt>runq</dt><dd>a P's local run queue ({@link go4j.runtime.RunQueue}): a lock-free ring of 256,
 *     filled only by the M that holds the P, emptied by it and by thieves.</dd>
 * <dt>runnext</dt><dd>a P's one-slot fast lane: the goroutine just readied by the running one runs
 *     next, inheriting the time slice, so a ping-pong pair stays on one P and hands over directly.</dd>
 * <dt>global runq</dt><dd>{@link go4j.runtime.GlobalRunQueue}: work readied by threads that are not
 *     goroutines (main, timers; the JDK's I/O pollers, which run on our Ms, once their P's ring is
 *     half full) and overflow of local
 *     queues; in a second deque, goroutines that gave up their slice ({@code Go.gosched},
 *     preemption), which readied work beats by a head start of one time slice.</dd>
 * <dt>sudog, waitq, gopark</dt><dd>{@link go4j.runtime.Sudog}, {@link go4j.runtime.WaitQueue}:
 *     one blocked operation's entry in a primitive's queue, and the park protocol every primitive
 *     uses ({@code Sudog.await} parks, {@code ready} wakes); {@link go4j.runtime.WaitReason} is
 *     Go's wait reason.</dd>
 * <dt>spinning</dt><dd>an M that holds a P and is looking for work to steal. At most half the busy
 *     Ps may have a spinning M.</dd>
 * <dt>sysmon, handoff, preemption</dt><dd>the monitor thread ({@link go4j.runtime.Sysmon}) that retakes
 *     a P from an M blocked in a call that holds the carrier (handoff), and asks goroutines that ran
 *     for too long to yield at their next {@code Go.checkpoint()} (preemption).</dd>
 * <dt>allgs</dt><dd>{@link go4j.runtime.Allgs}: every goroutine's {@link go4j.runtime.G}, which
 *     refers to its thread weakly, so the collector can prove a blocked goroutine leaked
 *     ({@link go4j.runtime.LeakDetector}). Each M has its own slots, filled without a lock by the
 *     goroutines spawning there; a goroutine empties its slot with one store as it ends.</dd>
 * <dt>bubble</dt><dd>{@link go4j.runtime.Bubble}: a synctest bubble, goroutines that share a fake
 *     clock which jumps to the next timer when all of them are durably blocked in go4j waits on the
 *     bubble's own primitives ({@code Park.waitingDurably} / {@code readiedDurably} count them).</dd>
 * </dl>
 *
 * <h2>From {@code go(...)} to the first instruction</h2>
 * <ol>
 * <li>{@code Go.go(body)} calls {@link go4j.runtime.Sched#newproc}: a {@code G} is made and a
 *     virtual thread built with the scheduler's private executor ({@link go4j.runtime.VirtualThreadHook});
 *     {@code Thread.start} makes the JDK call {@link go4j.runtime.Sched#execute} with the thread's
 *     continuation.</li>
 * <li>{@code execute} looks at who is calling. A goroutine on one of our Ms: the task becomes that
 *     P's runnext (the old runnext moves to the ring; a full ring sends half of itself to the
 *     global queue). The M itself (the goroutine it just unmounted, yielding): the ring's tail. Any
 *     other thread: the global queue. Then {@code wakep}: if a P is idle and no M is spinning, one
 *     M is started spinning with that P.</li>
 * <li>Each M loops in {@code schedule}: {@code findRunnable} looks, in order, at the global queue
 *     (one schedtick in 61, for fairness), runnext, the ring, the global queue (a fair batch),
 *     then steals half of another P's ring (four passes over the Ps in a random order with a
 *     stride coprime to their count; runnext only on the last pass, after giving its owner ~3 us
 *     to run it). The task found runs: {@code task.run()} mounts the virtual thread, and the body's
 *     first instruction runs on this carrier. It returns to the M when the goroutine parks,
 *     yields or ends.</li>
 * </ol>
 *
 * <h2>Parking and waking (no lost wake-ups)</h2>
 * An M that found nothing gives its P back to the idle list and only then stops spinning
 * (decrementing {@code nmspinning}), then re-checks every queue; only if all are still empty does
 * it push itself on the idle-M list and park. A producer publishes its task first (a full fence
 * after the queue write) and then reads {@code npidle} and {@code nmspinning} in {@code wakep}.
 * Either the producer sees the idle P and starts an M, or the parking M's re-check sees the task.
 * A spinning M that finds work stops spinning and, if it was the last spinner, wakes another
 * ({@code resetspinning}), so Ms ramp up one by one as long as there is work, and an idle runtime
 * has every M parked in {@code LockSupport.park}: it burns no CPU.
 *
 * <h2>Ownership of a P, and retiring</h2>
 * Only the M holding a P writes its ring, which is what lets the ring be single-producer. So a P
 * is never passed from an M that might still run goroutines on it. When the runtime must take a P
 * away (GOMAXPROCS shrinks; sysmon hands off the P of a blocked M), it <em>retires</em> it: marks it,
 * puts a fresh P with the same id in its place, and the holding M, the next time it schedules,
 * moves what is left to the global queue and looks for an idle P or parks ({@link go4j.runtime.Handoff}).
 *
 * <h2>Rejected designs</h2>
 * <ul>
 * <li>A {@code ForkJoinPool} with a custom thread factory: its queues have no runnext, its
 *     spinning and parking policy are not Go's, and it cannot be made to hand a P off.</li>
 * <li>One shared MPMC queue: every readying contends on one cache line, and a readied goroutine
 *     runs on whichever carrier wins, far from the data the readier just touched.</li>
 * <li>Mapping each continuation back to its {@code G} on every {@code execute} (a hash lookup per
 *     wake-up): the caller's identity ({@code isVirtual()}, the carrier) already tells where the
 *     task belongs, and the scheduler never needs the G on the hot path.</li>
 * </ul>
 *
 * <h2>Style notes</h2>
 * <p><b>Memory order in names.</b> A field that is read or written with more than one access mode,
 * or with a mode other than plain, goes through small accessors whose prefix says the mode
 * (after JCTools; the field is declared plain unless every access is volatile):
 * <table>
 * <caption>Access-mode prefixes</caption>
 * <tr><th>prefix</th><th>{@code VarHandle} mode</th><th>used for</th></tr>
 * <tr><td>{@code lp}, {@code sp}</td><td>plain {@code get}/{@code set}</td><td>an owner reading or writing its own field</td></tr>
 * <tr><td>{@code lr}, {@code sr}</td><td>{@code getOpaque}/{@code setOpaque} (relaxed: never torn, no
 *     ordering)</td><td>counters and markers read racily by sysmon and dumps ({@code P.lrSchedtick},
 *     {@code M.srCurCont})</td></tr>
 * <tr><td>{@code lv}</td><td>{@code getAcquire}</td><td>reading what another thread published with
 *     {@code so} ({@code RunQueue.lvTail}, {@code P.lvRunnext}, {@code Chan.lvQcount})</td></tr>
 * <tr><td>{@code so}</td><td>{@code setRelease} ("ordered", a lazySet)</td><td>publishing: everything
 *     written before is visible to an {@code lv} that sees the value ({@code RunQueue.soTail})</td></tr>
 * <tr><td>{@code sv}</td><td>{@code setVolatile}</td><td>a store that must also order later loads
 *     (StoreLoad)</td></tr>
 * <tr><td>{@code cas}, {@code swap}</td><td>{@code compareAndSet}, {@code getAndSet} (volatile, full
 *     fences)</td><td>claiming ({@code RunQueue.casHead}, {@code P.casRunnext}, {@code P.swapRunnext})</td></tr>
 * </table>
 * Note that our {@code lv} is an acquire load, not JCTools' volatile one: acquire is all a
 * reader of a release store needs. Where an algorithm needs StoreLoad (a producer publishing work
 * and then reading {@code npidle}/{@code nmspinning}, see above), it says so with an explicit
 * {@code VarHandle.fullFence()} and a {@code // StoreLoad} comment rather than relying on a
 * volatile access somewhere near. A plain {@code volatile} field read and written only as such
 * needs no accessor.
 *
 * <p><b>Ownership and locks.</b> Each field's comment says who writes it and how others read it
 * ("Owner only", "Guarded by sched.lock", "read racily"). A method that must be called under
 * {@code Sched.lock} says "Under lock" and asserts it ({@code assert lock.isHeldByCurrentThread()});
 * P ownership is checked in {@code Sched.acquirep}/{@code releasep} (Go's "wirep: invalid p
 * state"). Tests run with {@code -ea}.
 */
package go4j.runtime;
