package go4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
}
