package go4j.runtime;

import java.time.Duration;

/**
 * Durations as Go prints them ({@code time.Duration.String}): "1h2m3.5s", "1.5s", "250ms". The one
 * formatter for go4j's messages: a context's deadline, a leak's time blocked.
 */
public final class GoDuration {
    private GoDuration() {}

    /** A duration in Go's notation: "1h2m3.5s", "1.5s", "250ms", "1.2µs", "7ns", "0s". */
    public static String format(long nanos) {
        if (nanos == 0) return "0s";
        StringBuilder sb = new StringBuilder();
        if (nanos < 0) {
            sb.append('-');
            nanos = nanos == Long.MIN_VALUE ? Long.MAX_VALUE : -nanos;
        }
        if (nanos < 1_000L) return sb.append(nanos).append("ns").toString();
        if (nanos < 1_000_000L) return decimal(sb, nanos, 3).append("µs").toString();
        if (nanos < 1_000_000_000L) return decimal(sb, nanos, 6).append("ms").toString();
        long secs = nanos / 1_000_000_000L;
        long hours = secs / 3600, minutes = secs / 60 % 60;
        if (hours > 0) sb.append(hours).append('h');
        if (hours > 0 || minutes > 0) sb.append(minutes).append('m');
        return decimal(sb, secs % 60 * 1_000_000_000L + nanos % 1_000_000_000L, 9).append('s').toString();
    }

    /** Appends {@code v / 10^digits} with its fraction, trailing zeros dropped. */
    private static StringBuilder decimal(StringBuilder sb, long v, int digits) {
        long unit = 1;
        for (int i = 0; i < digits; i++) unit *= 10;
        sb.append(v / unit);
        long frac = v % unit;
        if (frac == 0) return sb;
        String f = Long.toString(frac + unit).substring(1); // zero-padded to `digits`
        int end = f.length();
        while (f.charAt(end - 1) == '0') end--;
        return sb.append('.').append(f, 0, end);
    }

    /**
     * How long something has waited, as a report says it: Go's notation rounded to what a reader
     * needs ("55ms", "2s", "3m7s"): milliseconds under a second, seconds above.
     */
    public static String rounded(Duration d) {
        long ms = d.toMillis();
        return format(ms < 1000 ? ms * 1_000_000L : ms / 1000 * 1_000_000_000L);
    }
}
