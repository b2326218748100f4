/**
 * The preemption agent: a {@code java.lang.instrument} agent that makes CPU-bound loops of
 * application code preemptible by go4j's scheduler.
 *
 * <h2>Why</h2>
 * JDK 25 cannot preempt a running virtual thread: {@code Continuation.tryPreempt} is not
 * implemented, so a goroutine in a loop that never parks keeps its carrier (its M, and so its P)
 * for as long as the loop runs. Go solves this with asynchronous preemption; go4j uses a poll.
 * {@code go4j.Go.checkpoint()} reads one rarely-written {@code static volatile} flag and yields
 * only when sysmon asked the current goroutine to. This agent inserts that poll where a goroutine
 * can run for an unbounded time without making a call that would park: on loop back-edges, and,
 * if asked ({@code entry=true}), on method entries (which also covers unbounded recursion).
 *
 * <h2>Where a checkpoint goes</h2>
 * A back-edge is a jump instruction ({@code GOTO}, any {@code IF*}, {@code TABLESWITCH},
 * {@code LOOKUPSWITCH}) with at least one target at or before the jump itself in the code. Every
 * loop, whatever the source looks like ({@code for}, {@code while}, {@code do}, labelled
 * {@code continue}, a loop the compiler turned inside out), has at least one, because a loop is a
 * cycle in the control-flow graph and code is laid out linearly. The call goes immediately before
 * the jump:
 * <pre>
 *   L: ...                          L: ...
 *      if_icmplt L        becomes      invokestatic go4j/Go.checkpoint()V
 *                                      if_icmplt L
 * </pre>
 * A no-argument {@code void} static call neither reads nor writes the operand stack or the
 * locals, so the operands a conditional jump compares stay where they are, and every stack-map
 * frame (frames sit at jump targets, never between an instruction and the jump after it) stays
 * true. Only the code offsets move, which ASM's writer recomputes; {@code COMPUTE_MAXS} keeps
 * the max-stack honest; frames are never recomputed, so instrumenting never loads a class.
 *
 * <h2>Counted loops: a checkpoint per chunk</h2>
 * A poll per iteration stops C2 from unrolling and vectorising a loop. A counted loop (an
 * {@code int} counter with a constant stride, an invariant bound, a straight-line call-free body)
 * is therefore strip-mined first ({@link go4j.agent.StripMiner}): an inner do-while with no poll,
 * inside a check that polls once per chunk of at most 4096 iterations. That rewrite adds two
 * locals and writes the frames they need from the loop head's frame, so it too recomputes
 * nothing and loads no class.
 *
 * <h2>Other call-free loops: a checkpoint per budget</h2>
 * A volatile read is a memory barrier in C2's graph even where the CPU needs none, so a poll on
 * every iteration of a tight uncounted loop (a {@code while} over array indices, a list walk, a
 * sort's partition loop) still costs a few percent. An innermost loop whose body calls nothing
 * ({@code Math} aside) is therefore budgeted ({@link go4j.agent.BackEdgeBudget}): each back-edge
 * subtracts a weight from one new int local of the method, and the loop head polls only when it
 * has run out. Its frames are written from the head's, as above.
 *
 * <h2>What is never instrumented</h2>
 * The JDK ({@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}, {@code com.sun.}, and
 * anything the boot or platform loader defines), go4j itself ({@code go4j.}, which includes the
 * agent and its shaded ASM), classes whose loader cannot see {@code go4j/Go.class}, classes the
 * {@code exclude} patterns name or the {@code include} patterns do not, class initialisers
 * ({@code <clinit>}: a yield while a class initialises holds its init lock for every other
 * goroutine), bridge methods (they only forward), and methods without code.
 *
 * <h2>Files</h2>
 * {@link go4j.agent.PreemptionAgent} (the entry points), {@link go4j.agent.AgentOptions} (the
 * argument string), {@link go4j.agent.ClassFilter} (which classes), {@link
 * go4j.agent.CheckpointTransformer} (the JVM's hook), {@link go4j.agent.CheckpointInserter}
 * (the bytecode rewrite), {@link go4j.agent.StripMiner} (counted loops), {@link
 * go4j.agent.BackEdgeBudget} (other call-free loops), {@link
 * go4j.agent.SiteTagger} (primitives' creation sites).
 */
package go4j.agent;
