package go4j.runtime;

/**
 * Reads a would-be hog's stack for what it is doing, so that sysmon reports only a goroutine
 * running its own code: one caught inside the park machinery is ending its run, not hogging, and
 * one loading or initialising classes is doing the JVM's work (the HTTP server's first response
 * loads locale data for a hundred milliseconds or more).
 */
final class HogStack {
    private HogStack() {}

    enum Kind { OWN_CODE, PARKING, CLASS_INIT }

    static Kind classify(StackTraceElement[] stack) {
        if (stack.length == 0) return Kind.PARKING; // unmounted by the time we looked
        String top = stack[0].getClassName();
        if (top.equals("jdk.internal.vm.Continuation") || top.equals("java.lang.VirtualThread")) return Kind.PARKING;
        for (StackTraceElement e : stack) {
            if (e.getMethodName().equals("<clinit>") || isClassLoading(e)) return Kind.CLASS_INIT;
        }
        return Kind.OWN_CODE;
    }

    private static boolean isClassLoading(StackTraceElement e) {
        String c = e.getClassName(), m = e.getMethodName();
        return (c.equals("java.lang.ClassLoader") || c.startsWith("jdk.internal.loader."))
                && (m.startsWith("loadClass") || m.startsWith("defineClass") || m.equals("findClass"));
    }
}
