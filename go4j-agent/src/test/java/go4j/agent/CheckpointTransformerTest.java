package go4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JVM-facing hook: which classes it rewrites, with the real call target go4j.Go.checkpoint. */
@Timeout(30)
class CheckpointTransformerTest {
    private static final String GO = "go4j/Go";
    private static final String CHECKPOINT = "checkpoint";
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final ClassLoader app = getClass().getClassLoader();

    private CheckpointTransformer transformer(String args) {
        AgentOptions options = AgentOptions.parse(args);
        return new CheckpointTransformer(options, CheckpointInserter.forGo(options.entry(), options.sites(), options.chunk()),
                new PrintStream(logBytes, true, StandardCharsets.UTF_8));
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    private static byte[] loops() {
        return InstrumentingLoader.originalBytes("samples.Loops");
    }

    @Test
    void applicationClassGetsOneGoCheckpointPerBackEdgeAndStillRuns() throws Exception {
        CheckpointTransformer t = transformer("");
        byte[] out = t.transform(app, "samples/Loops", null, null, loops());
        assertThat(out).isNotNull();
        Map<String, Integer> backEdges = Bytecode.backEdgesPerMethod(loops());
        backEdges.put("<clinit>()V", 0);
        assertThat(Bytecode.callsPerMethod(out, GO, CHECKPOINT)).isEqualTo(backEdges);
        assertThat(Bytecode.verify(out, app)).isEmpty();

        // Linked against the real go4j.Go from go4j-core (a parent-loader class).
        InstrumentingLoader loader = new InstrumentingLoader(bytes -> {
            byte[] r = t.transform(app, "samples/Loops", null, null, bytes);
            return r == null ? bytes : r;
        });
        Class<?> c = loader.loadClass("samples.Loops");
        assertThat(c.getMethod("nested", int.class).invoke(null, 10)).isEqualTo(samples.Loops.nested(10));
        assertThat(log()).as("quiet unless verbose").isEmpty();
    }

    @Test
    void verboseSaysWhatItInstrumented() {
        CheckpointTransformer t = transformer("verbose=true,entry=true,chunk=0");
        t.transform(app, "samples/Loops", null, null, loops());
        t.transform(app, "samples/Entries", null, null, InstrumentingLoader.originalBytes("samples.Entries"));
        int loopsBackEdges = Bytecode.backEdgesPerMethod(loops()).values().stream().mapToInt(Integer::intValue).sum() - 1;
        int loopsMethods = Bytecode.read(loops()).methods.size() - 1; // all but <clinit>
        assertThat(log().lines()).containsExactly(
                "go4j-agent: instrumented samples.Loops (" + loopsBackEdges + " back-edges, " + loopsMethods + " entries)",
                "go4j-agent: instrumented samples.Entries (0 back-edges, 4 entries)");
    }

    @Test
    void verboseCountsTheStripMinedAndBudgetedLoops() {
        transformer("verbose=true").transform(app, "samples/Loops", null, null, loops());
        assertThat(log().lines())
                .containsExactly("go4j-agent: instrumented samples.Loops (13 back-edges, 11 strip-mined, 2 budgeted)");
    }

    @Test
    void classWithoutLoopsIsLeftAsItWas() {
        assertThat(transformer("verbose=true").transform(app, "samples/Entries", null, null,
                InstrumentingLoader.originalBytes("samples.Entries"))).isNull();
        assertThat(log()).isEmpty();
    }

    @Test
    void jdkAndGo4jNamesAreLeftAloneEvenWithLoops() {
        CheckpointTransformer t = transformer("include=*");
        for (String name : new String[] {"java/util/Loops", "javax/x/Loops", "jdk/internal/Loops", "sun/misc/Loops",
                "com/sun/x/Loops", "go4j/Loops", "go4j/agent/shaded/asm/Loops"}) {
            assertThat(t.transform(app, name, null, null, loops())).as(name).isNull();
        }
    }

    @Test
    void bootAndPlatformClassesAreLeftAlone() {
        CheckpointTransformer t = transformer("");
        assertThat(t.transform(null, "samples/Loops", null, null, loops())).isNull();
        assertThat(t.transform(ClassLoader.getPlatformClassLoader(), "samples/Loops", null, null, loops())).isNull();
    }

    @Test
    void classWhoseLoaderCannotSeeGoIsLeftAloneAndVerboseSaysWhy() throws Exception {
        CheckpointTransformer t = transformer("verbose=true");
        try (URLClassLoader blind = new URLClassLoader("blind", new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThat(t.transform(blind, "samples/Loops", null, null, loops())).isNull();
        }
        assertThat(log()).contains("cannot see go4j.Go").contains("blind");
    }

    @Test
    void includeAndExcludeDecide() {
        assertThat(transformer("include=com.acme.*").transform(app, "samples/Loops", null, null, loops())).isNull();
        assertThat(transformer("include=samples.*").transform(app, "samples/Loops", null, null, loops())).isNotNull();
        assertThat(transformer("include=samples.*,exclude=*.Loops").transform(app, "samples/Loops", null, null, loops())).isNull();
        assertThat(transformer("exclude=samples.L*").transform(app, "samples/Loops", null, null, loops())).isNull();
    }

    @Test
    void redefinitionsAndNamelessClassesAreLeftAlone() {
        CheckpointTransformer t = transformer("");
        assertThat(t.transform(app, "samples/Loops", samples.Loops.class, null, loops())).isNull();
        assertThat(t.transform(app, null, null, null, loops())).isNull();
    }

    @Test
    void unreadableClassFileIsLeftAloneWithOneLine() {
        byte[] broken = loops().clone();
        broken[7] = 99; // major version 99: newer than any ASM knows
        assertThat(transformer("").transform(app, "samples/Loops", null, null, broken)).isNull();
        assertThat(log()).startsWith("go4j-agent: left samples.Loops uninstrumented: ")
                .contains("Unsupported class file major version 99");
    }

    @Test
    void classOfANamedModuleThatDoesNotReadGo4jIsLeftAlone() {
        Module named = java.sql.Connection.class.getModule();
        CheckpointTransformer t = transformer("verbose=true");
        assertThat(t.transform(named, app, "samples/Loops", null, null, loops())).isNull();
        assertThat(log()).contains("left samples.Loops uninstrumented: module java.sql does not read module go4j");
        assertThat(t.transform(getClass().getModule(), app, "samples/Loops", null, null, loops())).isNotNull();
    }
}
