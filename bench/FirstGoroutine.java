/**
 * One fresh JVM's start-up cost: milliseconds from main's entry to the first instruction of the
 * first goroutine ({@code run}: Go.run, {@code go}: Go.go) or of the first JDK virtual thread
 * ({@code vt}). bench/startup runs it in many fresh JVMs.
 */
public class FirstGoroutine {
    public static void main(String[] args) throws Exception {
        long entered = System.nanoTime();
        long[] first = new long[1];
        switch (args[0]) {
            case "vt" -> Thread.ofVirtual().start(() -> first[0] = System.nanoTime()).join();
            case "run" -> go4j.Go.run(() -> first[0] = System.nanoTime());
            case "go" -> {
                java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
                go4j.Go.go(() -> {
                    first[0] = System.nanoTime();
                    ran.countDown();
                });
                ran.await();
            }
            default -> throw new IllegalArgumentException("vt, run or go, not " + args[0]);
        }
        System.out.printf("%s %.1f%n", args[0], (first[0] - entered) / 1e6);
        System.exit(0);
    }
}
