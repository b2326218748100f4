package go4j.spring;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Warns once, at start, when the JVM was not started with {@code -Djdk.trackAllThreads=false}.
 * With the JDK's tracking of virtual threads on, the JDK holds every goroutine strongly and none
 * is ever found leaked, by {@code /actuator/goroutines} or anything else. go4j's runtime turns
 * tracking off by itself when it starts first, but in an application server something else has
 * usually started the JDK's thread containers by then (the tests of this module show it), so the
 * flag must be on the command line ({@code JDK_JAVA_OPTIONS} counts: the launcher adds it there).
 */
final class LeakDetectionFlagCheck implements InitializingBean {
    private static final Log log = LogFactory.getLog(LeakDetectionFlagCheck.class);

    static final String FLAG = "-Djdk.trackAllThreads=false";

    @Override
    public void afterPropertiesSet() {
        String warning = warning(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (warning != null) log.warn(warning);
    }

    /** The warning for a JVM started with these arguments, or null when the flag is there. */
    static String warning(List<String> jvmArguments) {
        String last = null; // the last setting wins, as on the command line
        for (String a : jvmArguments) if (a.startsWith("-Djdk.trackAllThreads=")) last = a;
        if (FLAG.equals(last)) return null;
        return "go4j: leaked goroutines are not found unless the JVM starts with " + FLAG
                + (last == null ? " (it is not among this JVM's arguments)" : " (this JVM has " + last + ")");
    }
}
