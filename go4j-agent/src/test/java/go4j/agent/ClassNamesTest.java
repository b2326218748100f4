package go4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent names go4j-core's classes and methods only as strings (it must not load them): each
 * still exists in go4j-core, or instrumented code would fail with NoSuchMethodError at run time.
 */
class ClassNamesTest {

    @Test
    void theCallsTheAgentInsertsExist() throws ReflectiveOperationException {
        Class<?> go = Class.forName(CheckpointInserter.GO_OWNER.replace('/', '.'));
        assertThat(go.getMethod(CheckpointInserter.CHECKPOINT).getReturnType()).isEqualTo(void.class);
        Class<?> sites = Class.forName(SiteTagger.SITES_OWNER.replace('/', '.'));
        assertThat(sites.getMethod(SiteTagger.MADE, Object.class, String.class).getReturnType()).isEqualTo(void.class);
        assertThat(SiteTagger.MADE_DESCRIPTOR).isEqualTo("(Ljava/lang/Object;Ljava/lang/String;)V");
    }

    @Test
    void thePrimitivesTheAgentTagsExist() {
        List<String> missing = new ArrayList<>();
        List<String> names = new ArrayList<>(SiteTagger.CONSTRUCTED);
        names.add(SiteTagger.CHAN);
        for (String internal : names) {
            try {
                Class.forName(internal.replace('/', '.'), false, ClassNamesTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(internal);
            }
        }
        assertThat(missing).isEmpty();
    }
}
