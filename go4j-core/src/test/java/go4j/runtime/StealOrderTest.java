package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A thief's order visits every P exactly once, whatever the count, and does not always start at the same one. */
class StealOrderTest {

    @Test
    void everyOrderVisitsEachPOnce() {
        for (int n = 1; n <= 17; n++) {
            for (int k = 0; k < 50; k++) {
                StealOrder order = StealOrder.random(n);
                Set<Integer> seen = new HashSet<>();
                for (int i = 0; i < n; i++) seen.add(order.at(i));
                int count = n;
                assertThat(seen).as("n=%d %s", n, order).hasSize(n).allMatch(p -> p >= 0 && p < count);
            }
        }
    }

    @Test
    void ordersStartAtDifferentPs() {
        Set<Integer> starts = new HashSet<>();
        for (int k = 0; k < 200; k++) starts.add(StealOrder.random(8).at(0));
        assertThat(starts).hasSizeGreaterThan(1);
    }
}
