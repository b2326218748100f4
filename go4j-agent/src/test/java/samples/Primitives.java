package samples;

import go4j.Chan;
import go4j.Go;
import go4j.sync.Cond;
import go4j.sync.Mutex;
import go4j.sync.WaitGroup;

/**
 * Primitives made in the shapes the agent tags, each abandoned by a goroutine blocked on it. Each
 * method returns the site of the line that made the primitive, as a stack trace prints it (less
 * the test loader's name).
 */
public final class Primitives {
    private Primitives() {}

    private static String here() {
        StackWalker.StackFrame f = StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow();
        return f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
    }

    public static String chanLeak() {
        Chan<Integer> ch = Chan.make(); String site = here();
        Go.go(ch::recv);
        return site;
    }

    public static String bufferedChanLeak() {
        Chan<Integer> ch = Chan.make(1); String site = here();
        ch.send(1);
        Go.go(() -> ch.send(2));
        return site;
    }

    public static String mutexLeak() {
        Mutex m = new Mutex(); String site = here();
        m.lock();
        Go.go(m::lock);
        return site;
    }

    /** Two constructions nested in one expression: both are tagged. */
    public static String condLeak() {
        Cond c = new Cond(new Mutex()); String site = here();
        Go.go(() -> { c.l.lock(); c.await(); });
        return site;
    }

    /** A primitive made and dropped: still tagged, the stack stays balanced. */
    public static void discarded() {
        new WaitGroup();
        Chan.make();
    }
}
