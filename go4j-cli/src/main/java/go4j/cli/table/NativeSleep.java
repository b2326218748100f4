package go4j.cli.table;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * libc's {@code usleep} through an FFM downcall: a call that holds its carrier thread for its
 * whole length (the JDK does not unmount a virtual thread in a native call), the stand-in for
 * blocking I/O the runtime does not know about. Needs {@code --enable-native-access=ALL-UNNAMED}
 * to run without a warning (the launcher passes it).
 */
final class NativeSleep {
    private NativeSleep() {}

    private static final MethodHandle USLEEP;
    static {
        Linker linker = Linker.nativeLinker();
        USLEEP = linker.downcallHandle(linker.defaultLookup().find("usleep").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    /** Sleeps {@code millis} in native code (usleep takes at most one second per call, so longer sleeps loop). */
    static void sleep(int millis) {
        for (int left = millis; left > 0; left -= 999) {
            int rc;
            try {
                rc = (int) USLEEP.invokeExact(Math.min(left, 999) * 1000);
            } catch (Throwable t) {
                throw new IllegalStateException("usleep downcall failed", t);
            }
            if (rc != 0) throw new IllegalStateException("usleep returned " + rc);
        }
    }
}
