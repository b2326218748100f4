package go4j;

/**
 * Thrown by a send on a closed channel (Go's {@code panic: send on closed channel}): by
 * {@link Chan#send}, {@link Chan#trySend}, a send case of {@link Select#select} whose channel is
 * closed when the select looks at it, and a sender blocked on a channel that another goroutine
 * closes.
 */
public class ChannelClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with Go's message, "send on closed channel". */
    public ChannelClosedException() {
        super("send on closed channel");
    }
}
