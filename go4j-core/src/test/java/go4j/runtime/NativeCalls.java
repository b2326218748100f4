package go4j.runtime;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** libc's usleep through FFM: a call that blocks the carrier, standing in for cgo in Go's tests. */
final class NativeCalls {
    private NativeCalls() {}

    private static final MethodHandle USLEEP;
    static {
        Linker linker = Linker.nativeLinker();
        USLEEP = linker.downcallHandle(linker.defaultLookup().find("usleep").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    static void usleep(int micros) {
        try {
            int rc = (int) USLEEP.invokeExact(micros);
            if (rc != 0) throw new IllegalStateException("usleep failed: " + rc);
        } catch (Throwable t) {
            if (t instanceof RuntimeException re) throw re;
            throw new IllegalStateException(t);
        }
    }
}
