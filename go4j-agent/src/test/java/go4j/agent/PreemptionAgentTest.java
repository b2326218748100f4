package go4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;

/**
 * The entry points: {@code install} against a recording {@link Instrumentation}, then the real
 * thing, {@code -javaagent} in a child JVM.
 */
@Timeout(120)
class PreemptionAgentTest {
    @TempDir
    Path tmp;

    @Test
    void installParsesOptionsAndRegistersOneTransformerWithoutRetransform() {
        List<Object[]> added = new ArrayList<>();
        Instrumentation inst = recording(added);
        CheckpointTransformer t = PreemptionAgent.install("include=samples.*", inst);
        assertThat(added).hasSize(1);
        assertThat(added.get(0)[0]).isSameAs(t);
        assertThat(added.get(0)[1]).isEqualTo(false);
        assertThat(t.transform(getClass().getClassLoader(), "samples/Loops", null, null,
                InstrumentingLoader.originalBytes("samples.Loops"))).isNotNull();
        assertThat(t.transform(getClass().getClassLoader(), "other/Loops", null, null,
                InstrumentingLoader.originalBytes("samples.Loops"))).isNull();
    }

    @Test
    void malformedOptionsFailInstallBeforeAnythingIsRegistered() {
        List<Object[]> added = new ArrayList<>();
        assertThatThrownBy(() -> PreemptionAgent.premain("entry=maybe", recording(added)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry must be true or false");
        assertThat(added).isEmpty();
    }

    /** The agent classes and ASM on the class path, and a jar holding only the manifest. */
    @Test
    void agentInChildJvmInstrumentsApplicationClassesOnly() throws Exception {
        Path agentJar = tmp.resolve("manifest-only-agent.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Premain-Class", PreemptionAgent.class.getName());
        try (OutputStream out = Files.newOutputStream(agentJar); JarOutputStream jar = new JarOutputStream(out, mf)) {
            // nothing but the manifest: the classes come from the class path below
        }
        String cp = String.join(File.pathSeparator, location(PreemptionAgent.class), location(ClassReader.class), location(org.objectweb.asm.tree.MethodNode.class),
                location(go4j.Go.class), location(samples.ChildMain.class));
        Child child = runChild(agentJar, cp);
        assertChildRanInstrumented(child);
    }

    /** The jar `package` builds, when it is there and not older than the classes. */
    @Test
    void builtAgentJarIsSelfContained() throws Exception {
        Path built = Path.of(location(PreemptionAgent.class)).resolve("../go4j-agent.jar").normalize();
        Path agentClass = Path.of(location(PreemptionAgent.class)).resolve("go4j/agent/PreemptionAgent.class");
        assumeTrue(Files.exists(built), "go4j-agent.jar not built yet (mvn package)");
        assumeTrue(Files.getLastModifiedTime(built).compareTo(Files.getLastModifiedTime(agentClass)) >= 0,
                "go4j-agent.jar is older than the classes");
        // No ASM and no agent classes on the class path: only what the jar carries.
        String cp = String.join(File.pathSeparator, location(go4j.Go.class), location(samples.ChildMain.class));
        Child child = runChild(built, cp);
        assertChildRanInstrumented(child);
    }

    private static void assertChildRanInstrumented(Child child) {
        assertThat(child.exit).as("exit; stderr:\n" + child.err).isZero();
        assertThat(child.out).contains("forLoop 499500", "excluded 499500", "spin 350000",
                "java.lang open to the class path: true");
        assertThat(child.err.lines().filter(l -> l.startsWith("go4j-agent: instrumented ")))
                .contains("go4j-agent: instrumented samples.ChildMain (1 back-edge, 1 strip-mined)",
                        "go4j-agent: instrumented samples.Loops (13 back-edges, 11 strip-mined, 2 budgeted)")
                .noneMatch(l -> l.contains("ExcludedSpin"))
                .noneMatch(l -> l.contains(" java.") || l.contains(" jdk.") || l.contains(" sun.")
                        || l.contains(" go4j."));
    }

    record Child(int exit, String out, String err) {}

    private Child runChild(Path agentJar, String classPath) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        // Deliberately no --add-opens: the agent opens java.lang itself.
        Process p = new ProcessBuilder(java, "-Xshare:auto",
                "-javaagent:" + agentJar + "=verbose=true,exclude=samples.Excluded*",
                "-cp", classPath, "samples.ChildMain")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish in 60 s; stderr:\n" + Files.readString(err));
        }
        return new Child(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** An Instrumentation that records addTransformer calls and cannot modify modules. */
    private static Instrumentation recording(List<Object[]> added) {
        return (Instrumentation) Proxy.newProxyInstance(Instrumentation.class.getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "addTransformer" -> {
                        added.add(new Object[] {(ClassFileTransformer) args[0], args.length > 1 ? args[1] : false});
                        yield null;
                    }
                    case "isModifiableModule" -> false;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "recording Instrumentation";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
