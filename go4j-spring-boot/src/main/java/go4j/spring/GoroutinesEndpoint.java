package go4j.spring;

import go4j.Go;
import go4j.Leak;
import go4j.Metrics;
import java.util.List;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The actuator endpoint {@code goroutines} ({@code /actuator/goroutines} over HTTP, once exposed):
 * every goroutine's traceback in Go's form, the goroutines found leaked, and the runtime's
 * metrics. As JSON by default; asked for {@code text/plain}, the dump as Go prints it
 * ({@code goroutine 7 [chan receive, 3 minutes]:} ...) followed by the leaks, one line each, as
 * actuator's {@code threaddump} endpoint does for threads.
 *
 * <p>Each read runs one full garbage collection: that is how go4j proves a blocked goroutine
 * leaked (nothing alive can reach what it waits on), as Go's goroutine-leak profile does. Leaks
 * are kept once found, so a later read lists them again.
 */
@Endpoint(id = "goroutines")
public class GoroutinesEndpoint {

    /** The dump, the leaks and the metrics, as JSON. */
    @ReadOperation
    public GoroutinesDescriptor goroutines() {
        List<LeakDescriptor> leaks = Go.leaks().stream().map(LeakDescriptor::new).toList();
        return new GoroutinesDescriptor(Go.metrics(), leaks, Go.stack(true));
    }

    /** The dump in Go's form, then a {@code leaked goroutines:} section if there are any. */
    @ReadOperation(produces = "text/plain;charset=UTF-8")
    public String textGoroutines() {
        List<Leak> leaks = Go.leaks();
        StringBuilder sb = new StringBuilder(Go.stack(true));
        if (!leaks.isEmpty()) {
            sb.append("leaked goroutines:\n");
            for (Leak l : leaks) sb.append(l).append('\n');
        }
        return sb.toString();
    }

    /**
     * What the endpoint returns as JSON.
     *
     * @param metrics the runtime's gauges and counters ({@link Go#metrics()})
     * @param leaks   the goroutines found leaked so far, this read's collection included
     * @param dump    every goroutine's traceback in Go's form ({@link Go#stack(boolean) Go.stack(true)})
     */
    public record GoroutinesDescriptor(Metrics metrics, List<LeakDescriptor> leaks, String dump)
            implements OperationResponseBody {}

    /**
     * One leaked goroutine ({@link Leak}) with plain fields for JSON.
     *
     * @param goid          the goroutine's id
     * @param waitReason    what it was blocked in, in Go's words ({@code chan receive}, ...)
     * @param blockedMillis how long it had been blocked when found
     * @param madeAt        where the channel or primitive it waited on was made, or null if not recorded
     * @param createdBy     Go's {@code created by ...} line
     * @param description   the one-line report ({@link Leak#toString()})
     */
    public record LeakDescriptor(long goid, String waitReason, long blockedMillis, String madeAt, String createdBy,
                                 String description) {
        LeakDescriptor(Leak leak) {
            this(leak.goid(), leak.waitReason(), leak.blocked().toMillis(), leak.madeAt(), leak.createdBy(),
                    leak.toString());
        }
    }
}
