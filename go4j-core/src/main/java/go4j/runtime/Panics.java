package go4j.runtime;

import go4j.PanicHandler;
import java.io.PrintStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What happens to an exception that escapes a goroutine's body: Go's panic print, or a handler.
 *
 * <p>Go aborts the program on an unrecovered panic; go4j prints the same report to stderr and lets
 * the other goroutines and the runtime go on (a Java program is usually a long-lived service), or,
 * with {@code -Dgo4j.panic=exit}, ends it with exit status 2 as Go does.
 * {@code Go.run} rethrows the exception of its own body instead of reporting it.
 */
public final class Panics {
    private Panics() {}

    private static final PanicHandler DEFAULT = Panics::print;
    private static volatile PanicHandler handler = DEFAULT;

    /**
     * {@code -Dgo4j.panic=exit}: Go's behaviour, the report and then exit status 2, nothing else
     * run (as Go runs no other goroutine's deferred calls). By default the program goes on.
     */
    static final boolean EXIT = "exit".equals(System.getProperty("go4j.panic"));

    /** Installs {@code h} (null restores the default, Go's panic print to stderr); returns the previous one. */
    public static PanicHandler setHandler(PanicHandler h) {
        PanicHandler old = handler;
        handler = h == null ? DEFAULT : h;
        return old;
    }

    static void report(G g, Throwable panic) {
        try {
            PanicHandler h = handler;
            if (h == DEFAULT) {
                print(System.err, g.goid, panic, g.createdBy());
            } else {
                h.panicked(g.goid, panic);
            }
        } catch (Throwable inPanicHandler) {
            print(g.goid, inPanicHandler);
        }
        if (EXIT) Runtime.getRuntime().halt(2);
    }

    /** Go's form: {@code panic: <exception>}, a blank line, {@code goroutine N [running]:}, the stack. */
    public static void print(long goid, Throwable panic) {
        print(System.err, goid, panic);
    }

    /** {@link #print(long, Throwable)} to {@code err}. */
    static void print(PrintStream err, long goid, Throwable panic) {
        print(err, goid, panic, null);
    }

    /** The report, ending as Go's does with where the goroutine was made ({@code createdBy}; null when unknown). */
    static void print(PrintStream err, long goid, Throwable panic, String createdBy) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("panic: ").append(panic).append("\n\ngoroutine ").append(goid).append(" [running]:\n");
        appendTrace(sb, panic, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (createdBy != null) sb.append(createdBy).append('\n');
        synchronized (err) {
            err.print(sb);
            err.flush();
        }
    }

    private static void appendTrace(StringBuilder sb, Throwable t, Set<Throwable> seen) {
        if (!seen.add(t)) return;
        for (StackTraceElement frame : t.getStackTrace()) {
            if (G.isEntryFrame(frame.getClassName())) break; // the runtime's own frames below the body
            sb.append("\tat ").append(frame).append('\n');
        }
        for (Throwable s : t.getSuppressed()) {
            sb.append("\tSuppressed: ").append(s).append('\n');
            appendTrace(sb, s, seen);
        }
        Throwable cause = t.getCause();
        if (cause != null) {
            sb.append("Caused by: ").append(cause).append('\n');
            appendTrace(sb, cause, seen);
        }
    }
}
