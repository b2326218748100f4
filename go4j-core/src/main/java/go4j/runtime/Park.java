package go4j.runtime;

/**
 * The seam through which go4j's primitives tell the runtime that the calling goroutine blocks and
 * why: the wait reason and its start go into the goroutine's record, for dumps
 * ({@code goroutine 7 [chan receive, 3 minutes]}) and for leak reports, which must outlive the
 * goroutine's thread. Platform threads are ignored. Costs two field writes per wait.
 */
public final class Park {
    private Park() {}

    /** The calling goroutine is about to park for {@code reason} (Go's wait reason). */
    public static void waiting(String reason) {
        G g = G.current();
        if (g != null) {
            GRecord r = g.rec;
            r.waitSince = Sysmon.nanotime();
            r.waitReason = reason;
        }
    }

    /** The calling goroutine's wait is over. */
    public static void running() {
        G g = G.current();
        if (g != null) g.rec.waitReason = null;
    }
}
