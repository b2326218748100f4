package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import go4j.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which JVM options may give a goroutine that loads a class a JVMTI state that keeps it reachable. */
class TransformingAgentsTest {

    @Test
    void noAgentNoPreload() {
        assertThat(TransformingAgents.possible(List.of())).isFalse();
        assertThat(TransformingAgents.possible(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-Djdk.trackAllThreads=false", "-cp", "app.jar", "Main", "arg"))).isFalse();
    }

    @Test
    void everyKindOfAgentCounts() {
        for (String agent : List.of("-javaagent:agent.jar", "-javaagent:agent.jar=opts", "-agentlib:jdwp=transport=dt_socket",
                "-agentpath:/lib/libprof.so=start", "-Xrunhprof", "-XX:+EnableDynamicAgentLoading")) {
            assertThat(TransformingAgents.possible(List.of("-cp", "app.jar", agent, "Main"))).as(agent).isTrue();
        }
    }

    @Test
    void withTheJvmtiVirtualThreadTransitionsOffAnAgentHoldsNoGoroutine() {
        assertThat(TransformingAgents.possible(List.of("-XX:+UnlockExperimentalVMOptions",
                "-XX:-DoJVMTIVirtualThreadTransitions", "-javaagent:go4j-agent.jar", "Main"))).isFalse();
    }

    @Test
    void theLastTransitionsFlagWins() {
        assertThat(TransformingAgents.possible(List.of("-XX:-DoJVMTIVirtualThreadTransitions", "-javaagent:a.jar",
                "-XX:+DoJVMTIVirtualThreadTransitions", "Main"))).isTrue();
    }

    @Test
    void optionsThatCannotBeSeenCountAsAnAgent() {
        for (String hidden : List.of("@argfile", "-XX:VMOptionsFile=opts.txt", "-XX:Flags=.hotspotrc")) {
            assertThat(TransformingAgents.possible(List.of(hidden, "Main"))).as(hidden).isTrue();
            assertThat(TransformingAgents.possible(List.of("-XX:-DoJVMTIVirtualThreadTransitions", hidden, "Main")))
                    .as(hidden).isTrue();
        }
    }

    /** A child JVM's program: prints what it makes of its own options. */
    public static final class Judge {
        public static void main(String[] args) {
            System.out.println("agent possible: " + TransformingAgents.possible());
        }
    }

    @Test
    void aFreshJvmReadsItsOwnCommandLine() {
        boolean seeable = System.getProperty("os.name").equals("Linux"); // elsewhere nothing can be told: it counts as an agent
        ChildJvm.Result plain = ChildJvm.run(Judge.class, List.of("-Djdk.trackAllThreads=false"));
        assertThat(plain.output()).as(plain.output()).contains("agent possible: " + !seeable);
        ChildJvm.Result dynamic = ChildJvm.run(Judge.class, List.of("-XX:+EnableDynamicAgentLoading"));
        assertThat(dynamic.output()).as(dynamic.output()).contains("agent possible: true");
    }
}
