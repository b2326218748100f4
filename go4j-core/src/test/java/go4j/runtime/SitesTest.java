package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.sync.WaitGroup;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Creation sites: each go statement its own, also through go4j's wrappers such as {@code WaitGroup.go}. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SitesTest {

    @Test
    void bodiesWrappedByWaitGroupGoHaveTheSitesOfTheirOwnCalls() {
        WaitGroup wg = new WaitGroup();
        String[] sites = new String[2];
        wg.go(() -> sites[0] = G.current().site);
        wg.go(() -> sites[1] = G.current().site);
        wg.await();
        String here = "go4j.runtime.SitesTest.bodiesWrappedByWaitGroupGoHaveTheSitesOfTheirOwnCalls(SitesTest.java:";
        assertThat(sites[0]).startsWith(here);
        assertThat(sites[1]).startsWith(here);
        assertThat(sites[0]).as("two go statements, two sites (one wrapper class serves both)").isNotEqualTo(sites[1]);
    }
}
