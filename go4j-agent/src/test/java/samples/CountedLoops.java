package samples;

/**
 * Loops of every shape the strip-miner looks at, each a static method of ints and arrays whose
 * result (or exception) the tests compare between javac's bytecode and the rewritten one. The
 * ones named {@code plain*} are not counted loops in its sense and must keep a call per
 * iteration. Overflowing loops are stopped by a second counter after {@code limit} iterations,
 * so they end.
 */
public final class CountedLoops {
    private CountedLoops() {}

    private static int field;

    public static long upTo(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) s += i * 31L + 7;
        return s;
    }

    public static int empty(int n) {
        int i;
        for (i = 0; i < n; i++) { }
        return i;
    }

    public static long sum(int[] a) {
        long s = 0;
        for (int i = 0; i < a.length; i++) s += a[i];
        return s;
    }

    /** Stops with an exception at the length of the shorter array, having written c up to there. */
    public static int[] add(int[] a, int[] b, int[] c) {
        for (int i = 0; i < a.length; i++) c[i] = a[i] + b[i];
        return c;
    }

    public static long xorshift(int n, long seed) {
        long x = seed;
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** {@code <=} up to hi, which may be Integer.MAX_VALUE: then the counter wraps, and limit stops it. */
    public static long inclusive(int lo, int hi, int limit) {
        long s = 0;
        int count = 0;
        for (int i = lo; i <= hi; i++) {
            s = s * 3 + i;
            if (++count == limit) break;
        }
        return s * 1_000_003 + count;
    }

    /** A stride of 3 below hi: near Integer.MAX_VALUE the counter jumps past it and wraps. */
    public static long strideThree(int lo, int hi, int limit) {
        long s = 0;
        int count = 0;
        for (int i = lo; i < hi; i += 3) {
            s = s * 5 + i;
            if (++count == limit) break;
        }
        return s * 1_000_003 + count;
    }

    public static long bigStride(int lo, int hi, int limit) {
        long s = 0;
        int count = 0;
        for (int i = lo; i < hi; i += 100_000) {
            s = s * 7 + i;
            if (++count == limit) break;
        }
        return s * 1_000_003 + count;
    }

    /** Counting down to zero: javac's {@code iflt}. */
    public static long down(int n) {
        long s = 0;
        for (int i = n - 1; i >= 0; i--) s = s * 3 + i;
        return s;
    }

    /** Down by 7 to lo, which may be Integer.MIN_VALUE: then it wraps. */
    public static long downBySeven(int hi, int lo, int limit) {
        long s = 0;
        int count = 0;
        for (int i = hi; i >= lo; i -= 7) {
            s = s * 3 + i;
            if (++count == limit) break;
        }
        return s * 1_000_003 + count;
    }

    public static long downStrictly(int hi, int lo) {
        long s = 0;
        for (int i = hi; i > lo; i -= 2) s = s * 3 + i;
        return s;
    }

    /** The bound on the left: javac's {@code iload n; iload i; if_icmple}. */
    public static long boundFirst(int n) {
        long s = 0;
        for (int i = 0; n > i; i++) s += i ^ (i >>> 3);
        return s;
    }

    public static long withContinue(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            if (i % 3 == 0) continue;
            s = s * 31 + i;
        }
        return s;
    }

    public static long withBreak(int n, int stop) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            if (i == stop) break;
            s += i;
        }
        return s;
    }

    /** Returns from inside the loop. */
    public static int find(int[] a, int x) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == x) return i;
        }
        return -1;
    }

    /** The inner loop is counted; the outer one's body holds a loop, so it keeps its call. */
    public static long nested(int n, int m) {
        long s = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) s += (long) i * j + 1;
        }
        return s;
    }

    /** A labelled break and a labelled continue leave the inner loop for the outer one. */
    public static long labelled(int n, int m) {
        long s = 0;
        outer:
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                if (i == j) continue outer;
                if (i * j > 50) break outer;
                s = s * 7 + i;
            }
            s -= 1;
        }
        return s;
    }

    /** Throws ArithmeticException at i == k, if k is in range. */
    public static long divides(int n, int k) {
        long s = 0;
        for (int i = 0; i < n; i++) s += 1_000 / (i - k);
        return s;
    }

    /** A try/catch inside the body. */
    public static long catches(int n, int k) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            try {
                s += 1_000 / (i - k);
            } catch (ArithmeticException e) {
                s -= 99;
            }
        }
        return s;
    }

    /** A loop inside a try: the exception leaves both. */
    public static long insideTry(int[] a, int n) {
        long s = 0;
        try {
            for (int i = 0; i < n; i++) s += a[i];
        } catch (ArrayIndexOutOfBoundsException e) {
            s = -s;
        }
        return s;
    }

    public static long switchInBody(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            switch (i & 3) {
                case 0 -> s += 1;
                case 1 -> s *= 3;
                case 2 -> s ^= i;
                default -> s -= 2;
            }
        }
        return s;
    }

    /** Math's static methods are allowed in the body. */
    public static long withMath(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) s += Math.max(i, n - i) + Math.abs(i - 50);
        return s;
    }

    public static long constantBound(int scale) {
        long s = 0;
        for (int i = 0; i < 10_000; i++) s += (long) i * scale;
        return s;
    }

    /** A long and a double live across the loop: the new local goes after their two slots each. */
    public static double wideLocals(int n, long l, double d) {
        double acc = d;
        for (int i = 0; i < n; i++) acc += l * i + d;
        return acc + l;
    }

    public static double doubles(double[] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * a[i];
        return s;
    }

    public static long plainLongCounter(long n) {
        long s = 0;
        for (long i = 0; i < n; i++) s += i;
        return s;
    }

    public static long plainCallInBody(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) s += Integer.toString(i).length();
        return s;
    }

    public static long plainIncrementInside(int[] a) {
        long s = 0;
        int i = 0;
        while (i < a.length) s += a[i++];
        return s;
    }

    public static long plainBoundChanges(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            if (i % 5 == 0) n--;
            s += i;
        }
        return s;
    }

    public static long plainNotEqual(int n) {
        long s = 0;
        for (int i = 0; i != n; i++) s += i;
        return s;
    }

    public static long plainShortCounter(int n) {
        long s = 0;
        for (short i = 0; i < n; i++) s += i;
        return s;
    }

    public static long plainStrideAgainstBound(int lo, int hi, int limit) {
        long s = 0;
        int count = 0;
        for (int i = lo; i > hi; i++) { // runs until i wraps past MAX to below hi... or limit
            s += i;
            if (++count == limit) break;
        }
        return s * 1_000_003 + count;
    }

    public static long plainFieldBound(int n) {
        field = n;
        long s = 0;
        for (int i = 0; i < field; i++) s += i;
        return s;
    }
}
