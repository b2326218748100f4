package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The preemption flag is counted exactly over the marked Ps of every runtime: one runtime's
 * unmark never clears the flag under another's mark, and a P counts once however often it is
 * marked. (Other tests' runtimes may hold marks of their own meanwhile: only this test's
 * difference to the count is asserted.)
 */
class PreemptTest {

    @Test
    void theFlagStaysUpWhileAnyPOfAnyRuntimeIsMarked() {
        P mine = new P(0, 4), theirs = new P(0, 4); // the same id: P0 of two runtimes
        int before = Preempt.marked();
        Preempt.mark(mine);
        Preempt.mark(mine); // marked already: counted once
        Preempt.mark(theirs);
        assertThat(Preempt.marked() - before).isEqualTo(2);
        assertThat(Preempt.pending).isTrue();

        assertThat(Preempt.unmark(mine)).isTrue();
        assertThat(Preempt.pending).as("their mark still stands").isTrue();
        assertThat(Preempt.unmark(mine)).as("a mark is taken once").isFalse();
        assertThat(Preempt.marked() - before).isEqualTo(1);

        assertThat(Preempt.unmark(theirs)).isTrue();
        assertThat(Preempt.marked()).isEqualTo(before);
        if (before == 0) assertThat(Preempt.pending).as("the last mark is gone").isFalse();
    }
}
