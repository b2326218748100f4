package go4j.runtime;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Goroutine dumps in the form of Go's tracebacks:
 * <pre>
 * goroutine 7 [chan receive, 3 minutes]:
 * 	at com.acme.Worker.run(Worker.java:42)
 * created by com.acme.Main.main(Main.java:12) in goroutine 1
 * </pre>
 * The state is {@code running} for the caller, the go4j wait reason for a goroutine blocked in a
 * go4j primitive, else what the JDK knows ({@code runnable}, the park blocker, {@code sleep},
 * {@code monitor enter}). As in Go, a wait of a minute or more shows its length.
 */
final class Traceback {
    private Traceback() {}

    static String dump(Sched sched, boolean all) {
        StringBuilder sb = new StringBuilder(4096);
        G self = G.current();
        if (!all) {
            if (self != null) append(sb, self, Thread.currentThread(), true);
            else appendPlatform(sb, Thread.currentThread());
            return sb.toString();
        }
        if (self == null) appendPlatform(sb, Thread.currentThread());
        List<G> gs = sched.allgs.all();
        gs.sort(Comparator.comparingLong(g -> g.goid));
        for (G g : gs) {
            Thread t = g.get();
            if (t == null || g.exited()) continue;
            append(sb, g, t, self != null && self == g);
        }
        return sb.toString();
    }

    /** The dump of a program that can never go on: its main thread, waiting, then every goroutine. */
    static String dumpAsleep(Sched sched, Thread main, String mainReason) {
        StringBuilder sb = new StringBuilder(4096);
        if (main != null) {
            sb.append("thread \"").append(main.getName()).append("\" [").append(mainReason).append("]:\n");
            StackTraceElement[] frames = main.getStackTrace();
            int from = 0; // from the go4j call it waits in: the JDK's park frames above it say nothing
            while (from < frames.length - 1 && !frames[from].getClassName().startsWith("go4j.")) from++;
            appendFrames(sb, java.util.Arrays.copyOfRange(frames, from, frames.length), false);
            sb.append('\n');
        }
        List<G> gs = sched.allgs.all();
        gs.sort(Comparator.comparingLong(g -> g.goid));
        for (G g : gs) {
            Thread t = g.get();
            if (t != null && !g.exited()) append(sb, g, t, false);
        }
        return sb.toString();
    }

    /** One goroutine's traceback, as in a dump of all of them (it is not the caller). */
    static String one(G g, Thread t) {
        StringBuilder sb = new StringBuilder(512);
        append(sb, g, t, false);
        return sb.toString();
    }

    /**
     * One goroutine known to be blocked in a go4j wait (a synctest deadlock): its state is its
     * record's wait reason even while its thread is still on its way to park.
     */
    static String oneBlocked(G g, Thread t) {
        StringBuilder sb = new StringBuilder(512);
        StackTraceElement[] frames = t.getStackTrace();
        String reason = g.waitReason();
        sb.append("goroutine ").append(g.goid).append(" [").append(reason != null ? reason : state(g, t)).append("]:\n");
        appendFrames(sb, frames, false);
        sb.append(g.createdBy()).append("\n\n");
        return sb.toString();
    }

    private static void append(StringBuilder sb, G g, Thread t, boolean self) {
        StackTraceElement[] frames = t.getStackTrace();
        sb.append("goroutine ").append(g.goid).append(" [").append(self ? "running" : state(g, t)).append("]:\n");
        appendFrames(sb, frames, self);
        sb.append(g.createdBy()).append("\n\n");
    }

    private static void appendPlatform(StringBuilder sb, Thread t) {
        sb.append("thread \"").append(t.getName()).append("\" [running]:\n");
        appendFrames(sb, t.getStackTrace(), true);
        sb.append('\n');
    }

    private static void appendFrames(StringBuilder sb, StackTraceElement[] frames, boolean self) {
        boolean skipping = self; // the caller's own frames start above the dump machinery
        for (StackTraceElement f : frames) {
            String cls = f.getClassName();
            if (skipping) {
                if (cls.equals(Traceback.class.getName()) || cls.equals(Sched.class.getName()) || cls.equals("go4j.Go")
                        || cls.equals("java.lang.Thread") || cls.startsWith("java.lang.VirtualThread")) continue;
                skipping = false;
            }
            if (G.isEntryFrame(cls)) break; // below the body: the runtime's frames
            if (cls.startsWith("java.lang.VirtualThread") || cls.startsWith("jdk.internal.vm.Continuation")) continue;
            sb.append("\tat ").append(f).append('\n');
        }
    }

    /**
     * The frames a traceback prints for a goroutine's stack: the JDK's virtual-thread machinery
     * and the runtime's frames below the body left out; for the caller ({@code self}), the dump
     * machinery on top too. For profiles and grouped dumps.
     */
    static List<StackTraceElement> frames(StackTraceElement[] stack, boolean self) {
        List<StackTraceElement> out = new java.util.ArrayList<>(stack.length);
        boolean skipping = self;
        for (StackTraceElement f : stack) {
            String cls = f.getClassName();
            if (skipping) {
                if (cls.startsWith("go4j.runtime.") || cls.equals("go4j.Go")
                        || cls.equals("java.lang.Thread") || cls.startsWith("java.lang.VirtualThread")) continue;
                skipping = false;
            }
            if (G.isEntryFrame(cls)) break;
            if (cls.startsWith("java.lang.VirtualThread") || cls.startsWith("jdk.internal.vm.Continuation")) continue;
            out.add(f);
        }
        return out;
    }

    /** The bracketed state of a goroutine's header: Go's wait reason while it waits, else its {@link G.RunState}. */
    static String state(G g, Thread t) {
        G.RunState st = g.runState();
        if (st != G.RunState.WAITING) return st.words;
        Thread.State jdk = t.getState();
        if (jdk == Thread.State.BLOCKED) return "monitor enter";
        String go4j = g.waitReason();
        if (go4j == null) {
            Object blocker = LockSupport.getBlocker(t);
            return blocker != null ? blocker.toString() : jdk == Thread.State.TIMED_WAITING ? "sleep" : "waiting";
        }
        long since = g.waitSince;
        if (since != 0) {
            long minutes = (System.nanoTime() - since) / 60_000_000_000L;
            if (minutes >= 1) return go4j + ", " + minutes + (minutes == 1 ? " minute" : " minutes");
        }
        return go4j;
    }
}
