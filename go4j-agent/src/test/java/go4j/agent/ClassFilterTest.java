package go4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ModuleVisitor;
import org.objectweb.asm.Opcodes;

@Timeout(10)
class ClassFilterTest {
    private final List<ClassLoader> blind = new ArrayList<>();

    private ClassFilter filter(String args) {
        return new ClassFilter(AgentOptions.parse(args), blind::add);
    }

    @Test
    void jdkAndGo4jAreNeverInstrumentedWhateverTheOptions() {
        for (String args : new String[] {"", "include=*", "include=java.*,javax.*,jdk.*,sun.*,com.sun.*,go4j.*"}) {
            ClassFilter f = filter(args);
            assertThat(f.acceptsName("java.util.ArrayList")).as(args).isFalse();
            assertThat(f.acceptsName("javax.crypto.Cipher")).as(args).isFalse();
            assertThat(f.acceptsName("jdk.internal.misc.Unsafe")).as(args).isFalse();
            assertThat(f.acceptsName("sun.nio.ch.Net")).as(args).isFalse();
            assertThat(f.acceptsName("com.sun.net.httpserver.HttpServer")).as(args).isFalse();
            assertThat(f.acceptsName("go4j.Go")).as(args).isFalse();
            assertThat(f.acceptsName("go4j.runtime.Sched")).as(args).isFalse();
            assertThat(f.acceptsName("go4j.agent.shaded.asm.ClassReader")).as(args).isFalse();
        }
    }

    @Test
    void withoutIncludesEveryApplicationClassIsAccepted() {
        ClassFilter f = filter("");
        assertThat(f.acceptsName("com.acme.Foo")).isTrue();
        assertThat(f.acceptsName("Main")).isTrue();
        assertThat(f.acceptsName("javafoo.Bar")).as("a prefix is a package, not a string start").isTrue();
        assertThat(f.acceptsName("go4jx.Bar")).isTrue();
    }

    @Test
    void includesNarrowAndExcludesWin() {
        ClassFilter f = filter("include=com.acme.*,org.foo.Main,exclude=com.acme.gen.*,*Test");
        assertThat(f.acceptsName("com.acme.Foo")).isTrue();
        assertThat(f.acceptsName("com.acme.deep.er.Foo$1")).isTrue();
        assertThat(f.acceptsName("org.foo.Main")).isTrue();
        assertThat(f.acceptsName("org.foo.Main2")).isFalse();
        assertThat(f.acceptsName("com.other.Foo")).isFalse();
        assertThat(f.acceptsName("com.acme.gen.Parser")).isFalse();
        assertThat(f.acceptsName("com.acme.FooTest")).isFalse();
    }

    @Test
    void globStarMatchesAnyRunIncludingDots() {
        assertThat(ClassFilter.globMatches("*", "")).isTrue();
        assertThat(ClassFilter.globMatches("*", "a.b.C")).isTrue();
        assertThat(ClassFilter.globMatches("a.b.C", "a.b.C")).isTrue();
        assertThat(ClassFilter.globMatches("a.b.C", "a.b.Cd")).isFalse();
        assertThat(ClassFilter.globMatches("a.*.C", "a.x.y.C")).isTrue();
        assertThat(ClassFilter.globMatches("a.*.C", "a.C")).isFalse();
        assertThat(ClassFilter.globMatches("*Test", "com.FooTest")).isTrue();
        assertThat(ClassFilter.globMatches("*Test", "com.FooTests")).isFalse();
        assertThat(ClassFilter.globMatches("a*b*c", "aXbYbZc")).isTrue();
        assertThat(ClassFilter.globMatches("a*b*c", "aXcYb")).isFalse();
        assertThat(ClassFilter.globMatches("com.acme.*", "com.acme")).isFalse();
        assertThat(ClassFilter.globMatches("**x", "abx")).isTrue();
    }

    @Test
    void bootAndPlatformLoadersAreRefused() {
        ClassFilter f = filter("");
        assertThat(f.acceptsLoader(null)).isFalse();
        assertThat(f.acceptsLoader(ClassLoader.getPlatformClassLoader())).isFalse();
        assertThat(blind).as("not reported as blind: they are the JDK").isEmpty();
    }

    @Test
    void loaderThatSeesGoIsAcceptedOneThatDoesNotIsRefusedAndReportedOnce() throws Exception {
        ClassFilter f = filter("");
        assertThat(f.acceptsLoader(getClass().getClassLoader())).as("go4j-core is on the test class path").isTrue();
        try (URLClassLoader isolated = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThat(f.acceptsLoader(isolated)).isFalse();
            assertThat(f.acceptsLoader(isolated)).isFalse();
            assertThat(blind).containsExactly(isolated);
        }
    }

    @Test
    void classPathClassesMayCallGoNamedModulesOnlyIfTheyReadGo4j() {
        assertThat(ClassFilter.acceptsModule(null)).isTrue();
        assertThat(ClassFilter.acceptsModule(getClass().getModule())).as("unnamed").isTrue();
        // java.sql is a named module in the boot layer that does not read go4j (go4j-core is on
        // the class path here, so there is no go4j module at all).
        assertThat(ClassFilter.acceptsModule(java.sql.Connection.class.getModule())).isFalse();
    }

    @Test
    void namedModuleThatRequiresGo4jIsAccepted(@TempDir Path tmp) throws Exception {
        // A layer with go4j-core's Go as the automatic module go4j, a module that requires it and
        // one that does not.
        Path go4jJar = tmp.resolve("go4j.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Automatic-Module-Name", "go4j");
        try (OutputStream out = Files.newOutputStream(go4jJar); JarOutputStream jar = new JarOutputStream(out, mf);
             InputStream go = go4j.Go.class.getResourceAsStream("Go.class")) {
            jar.putNextEntry(new JarEntry("go4j/Go.class"));
            go.transferTo(jar);
            jar.closeEntry();
        }
        Path app = explodedModule(tmp, "app", true);
        Path loner = explodedModule(tmp, "loner", false);
        Configuration cf = ModuleLayer.boot().configuration()
                .resolve(ModuleFinder.of(go4jJar, app, loner), ModuleFinder.of(), Set.of("app", "loner"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());

        assertThat(ClassFilter.acceptsModule(layer.findModule("app").orElseThrow())).isTrue();
        assertThat(ClassFilter.acceptsModule(layer.findModule("loner").orElseThrow())).isFalse();
    }

    /** A directory holding only a module-info.class for {@code name}. */
    private static Path explodedModule(Path tmp, String name, boolean requiresGo4j) throws IOException {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V25, Opcodes.ACC_MODULE, "module-info", null, null, null);
        ModuleVisitor mv = cw.visitModule(name, 0, null);
        mv.visitRequire("java.base", Opcodes.ACC_MANDATED, null);
        if (requiresGo4j) mv.visitRequire("go4j", 0, null);
        mv.visitEnd();
        cw.visitEnd();
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.write(dir.resolve("module-info.class"), cw.toByteArray());
        return dir;
    }
}
