package go4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.Go;
import go4j.Leak;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent's creation sites, end to end: primitives made in an instrumented class ({@code
 * samples.Primitives}) and abandoned by a blocked goroutine are reported leaked with the exact
 * line that made them, as a stack walk would print it; the rewritten class passes the JVM's
 * verifier; without tagging nothing is recorded.
 */
@Timeout(60)
class SiteTaggerTest {
    private static final String SAMPLE = "samples.Primitives";

    @BeforeAll
    static void quiet() {
        Go.setLeakWarnings(false);
    }

    @AfterAll
    static void loud() {
        Go.setLeakWarnings(true);
    }

    @Test
    void tagsEveryPrimitiveMadeIncludingNestedAndDiscardedOnes() {
        CheckpointInserter.Result result = CheckpointInserter.forGo(false, true).instrument(InstrumentingLoader.originalBytes(SAMPLE));
        assertThat(result).isNotNull();
        // chanLeak 1, bufferedChanLeak 1, mutexLeak 1, condLeak 2 (Cond and its Mutex), discarded 2
        assertThat(result.sites()).isEqualTo(7);
        assertThat(result.backEdges()).isZero();
        assertThat(CheckpointInserter.forGo(false, false).instrument(InstrumentingLoader.originalBytes(SAMPLE)))
                .as("no loops and no tagging: nothing to rewrite").isNull();
    }

    @Test
    void leaksOnTaggedPrimitivesNameTheLineThatMadeThem() throws Exception {
        Class<?> sample = InstrumentingLoader.with(CheckpointInserter.forGo(false, true)).loadClass(SAMPLE);
        sample.getMethod("discarded").invoke(null); // verified and runs: the stack stays balanced
        Map<String, String> reasons = Map.of(
                "chanLeak", "chan receive", "bufferedChanLeak", "chan send",
                "mutexLeak", "sync.Mutex.Lock", "condLeak", "sync.Cond.Wait");
        List<String> sites = new ArrayList<>();
        for (String name : reasons.keySet()) {
            String site = (String) sample.getMethod(name).invoke(null);
            assertThat(site).startsWith(SAMPLE + "." + name + "(Primitives.java:");
            sites.add(site);
        }
        for (String site : sites) {
            Leak leak = awaitLeak(l -> site.equals(l.madeAt()));
            String method = site.substring(SAMPLE.length() + 1, site.indexOf('('));
            assertThat(leak.waitReason()).isEqualTo(reasons.get(method));
            assertThat(leak.toString()).contains(" made at " + site + "; created by ");
            assertThat(leak.createdBy()).contains(SAMPLE + "." + method + "("); // after the test loader's name
        }
    }

    @Test
    void withoutTaggingTheLeakHasNoSite() throws Exception {
        Class<?> sample = InstrumentingLoader.with(CheckpointInserter.forGo(false, false)).loadClass(SAMPLE);
        Method chanLeak = sample.getMethod("chanLeak");
        chanLeak.invoke(null);
        Leak leak = awaitLeak(l -> l.madeAt() == null && l.createdBy().contains(SAMPLE + ".chanLeak("));
        assertThat(leak.waitReason()).isEqualTo("chan receive");
    }

    /** Runs collections until a leak matching {@code p} is reported (the goroutine may not have parked yet). */
    private static Leak awaitLeak(Predicate<Leak> p) {
        for (int i = 0; i < 100; i++) {
            Optional<Leak> found = Go.leaks().stream().filter(p).findFirst();
            if (found.isPresent()) return found.get();
        }
        throw new AssertionError("no such leak among " + Go.leaks());
    }
}
