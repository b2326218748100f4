package go4j.spring.app;

import go4j.Go;

/**
 * Where the caller runs, as go4j itself sees it: the thread's name, and the first line of the
 * caller's own traceback from {@link Go#stack(boolean) Go.stack(false)}, which the runtime writes
 * as {@code goroutine N [running]:} only on one of its goroutines (else {@code thread "name"
 * [running]:}).
 *
 * @param thread the thread's name
 * @param header the first line of the caller's traceback
 */
public record Where(String thread, String header) {

    public static Where here() {
        String stack = Go.stack(false);
        return new Where(Thread.currentThread().getName(), stack.substring(0, stack.indexOf('\n')));
    }

    /**
     * The goroutine's id if this is a goroutine named as the runtime names them ({@code goroutine},
     * or {@code goroutine N} for the executor's and the thread factory's), else -1.
     */
    public long goid() {
        if (!header.startsWith("goroutine ") || !header.endsWith(" [running]:")) return -1;
        long goid = Long.parseLong(header.substring("goroutine ".length(), header.length() - " [running]:".length()));
        return thread.equals("goroutine") || thread.equals("goroutine " + goid) ? goid : -1;
    }

    /** The two on one line, for the HTTP responses. */
    @Override
    public String toString() {
        return thread + "|" + header;
    }

    public static Where parse(String s) {
        int bar = s.indexOf('|');
        return new Where(s.substring(0, bar), s.substring(bar + 1));
    }
}
