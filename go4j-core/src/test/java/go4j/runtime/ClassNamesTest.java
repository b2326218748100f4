package go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every class the runtime names in a string still exists: a rename would otherwise fail silently
 * (a class no longer preloaded, a frame reported as a site, a frame left on a park event, a JDK
 * hook quietly off).
 */
class ClassNamesTest {

    @Test
    void thePreloadedClassesExist() {
        assertThat(unresolved(List.of(LeakDetector.PRELOADED))).isEmpty();
    }

    @Test
    void theMachineryOfSitesExists() {
        assertThat(unresolved(Sites.MACHINERY)).isEmpty();
    }

    @Test
    void theFramesFilteredFromParkEventsExist() {
        // jdk.jfr.events (StackFilter's package) is not exported: read the values from the annotation's text.
        List<String> names = new ArrayList<>();
        for (var a : JfrEvents.GoroutineParkEvent.class.getAnnotations()) {
            if (!a.annotationType().getName().equals("jdk.jfr.events.StackFilter")) continue;
            Matcher m = Pattern.compile("\"([^\"]+)\"").matcher(a.toString());
            while (m.find()) names.add(m.group(1));
        }
        assertThat(names).contains("go4j.runtime.Park", "go4j.Chan"); // the annotation was read
        assertThat(unresolved(names)).isEmpty();
    }

    @Test
    void theJdkInternalsTheHookReachesExist() throws IllegalAccessException {
        // Each handle is looked up by class and member name, and is null when that failed.
        List<String> missing = new ArrayList<>();
        for (Field f : VirtualThreadHook.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) continue;
            if (f.getType() != MethodHandle.class && f.getType() != VarHandle.class) continue;
            f.setAccessible(true);
            if (f.get(null) == null) missing.add(f.getName());
        }
        assertThat(missing).isEmpty();
        assertThat(VirtualThreadHook.AVAILABLE).as(VirtualThreadHook.UNAVAILABLE_REASON).isTrue();
    }

    private static List<String> unresolved(Iterable<String> names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            try {
                Class.forName(name, false, name.startsWith("go4j.") ? ClassNamesTest.class.getClassLoader() : null);
            } catch (ClassNotFoundException e) {
                missing.add(name);
            }
        }
        return missing;
    }
}
