package go4j.runtime;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The order in which a spinning M visits the other Ps to steal from (Go's {@code randomOrder}):
 * every P once, starting at a random one and stepping by a random stride coprime to their
 * count, so thieves do not all raid the same victim first. One small value per pass of an M
 * that is looking for work, having found none.
 */
record StealOrder(int count, int start, int stride) {

    /** A fresh random order over {@code count} Ps. */
    static StealOrder random(int count) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        return new StealOrder(count, rnd.nextInt(count), coprimeStride(count, rnd));
    }

    /** The index of the {@code i}-th P to visit, for {@code i} in [0, count). */
    int at(int i) {
        return (int) ((start + (long) i * stride) % count);
    }

    /** A stride in [1, n) coprime with n (1 when n is 1 or 2). */
    private static int coprimeStride(int n, ThreadLocalRandom rnd) {
        while (true) {
            int s = 1 + rnd.nextInt(n - 1 > 0 ? n - 1 : 1);
            if (gcd(s, n) == 1) return s;
        }
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
