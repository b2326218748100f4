package examples;

import go4j.Chan;
import go4j.Select;
import go4j.context.Context;
import go4j.context.ContextException;
import go4j.synctest.Synctest;
import go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Deterministic time: a retry loop with exponential backoff under a one-hour budget, run inside a
 * synctest bubble, where the hour of waiting passes in a few milliseconds and every attempt
 * happens at its exact time. Run: {@code ./go4j run examples/src/main/java/examples/RetryTimeline.java}.
 */
public class RetryTimeline {

    /**
     * Calls {@code attempt} until it succeeds, waiting {@code first}, then twice as long each
     * time, and gives up with the context's error when {@code ctx} is done. Returns the times of
     * the attempts (what a test would check).
     */
    static List<Instant> retry(Context ctx, Duration first, BooleanSupplier attempt) {
        List<Instant> attempts = new ArrayList<>();
        Duration delay = first;
        while (true) {
            attempts.add(Time.now());
            if (attempt.getAsBoolean()) return attempts;
            Chan<Instant> wait = Time.after(delay);
            if (Select.select(Select.recv(wait, t -> {}), Select.recv(ctx.done(), v -> {})) == 1) {
                throw new GaveUp(ctx.err(), attempts);
            }
            delay = delay.multipliedBy(2);
        }
    }

    /** The budget ran out: the context's error, and the attempts made. */
    static final class GaveUp extends RuntimeException {
        final List<Instant> attempts;

        GaveUp(ContextException cause, List<Instant> attempts) {
            super(cause.getMessage(), cause);
            this.attempts = attempts;
        }
    }

    /** The timeline of a retry that never succeeds, as lines "attempt N at +HH:MM:SS". */
    static List<String> timeline() {
        List<String> lines = new ArrayList<>();
        Synctest.run(() -> {
            Instant start = Time.now(); // 2000-01-01T00:00:00Z in a bubble
            try (var budget = Context.withTimeout(Context.background(), Duration.ofHours(1))) {
                retry(budget, Duration.ofSeconds(1), () -> false);
            } catch (GaveUp e) {
                for (int i = 0; i < e.attempts.size(); i++) {
                    lines.add("attempt " + (i + 1) + " at +" + hms(Duration.between(start, e.attempts.get(i))));
                }
                lines.add("gave up at +" + hms(Time.since(start)) + ": " + e.getMessage());
            }
        });
        return lines;
    }

    private static String hms(Duration d) {
        return String.format("%02d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        List<String> lines = timeline();
        long first = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        timeline();
        long second = (System.nanoTime() - t0) / 1_000_000;
        lines.forEach(System.out::println);
        System.out.println("(an hour of fake time in " + second + " ms of real time; " + first
                + " ms the first time, which loads the classes)");
    }
}
