package samples;

/**
 * Loops the strip-miner leaves alone, of the shapes {@code BackEdgeBudgetTest} checks: call-free
 * ones the budget rewrites (do-while, while-true with break, a binary search, a list walk, a loop with
 * a handler inside, wide locals, a constructor's loop, nested call-free loops) and ones it must
 * leave polling every iteration (a call in the body, an outer loop).
 */
public class UncountedLoops {
    /** A node of the list {@link #walk} follows. */
    public static final class Node {
        final int value;
        final Node next;

        Node(int value, Node next) {
            this.value = value;
            this.next = next;
        }
    }

    /** A constructor with a loop before and after the super call's place. */
    public static final class Built {
        public final long total;

        public Built(int n) {
            long t = 0;
            int i = n;
            while (i > 0) t += i--;
            total = t;
        }
    }

    private static int field;

    public static long doWhile(int n) {
        long s = 0;
        int i = 0;
        do {
            s += i * 3L;
            i++;
        } while (i < n);
        return s;
    }

    public static long whileTrueBreak(int n) {
        long s = 0;
        int i = 0;
        while (true) {
            if (i >= n) break;
            s += i ^ 5;
            i += 1;
        }
        return s;
    }

    public static int binarySearch(int[] sorted, int x) {
        int lo = 0, hi = sorted.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1;
            else if (sorted[mid] > x) hi = mid - 1;
            else return mid;
        }
        return -(lo + 1);
    }

    public static long collatz(long n) {
        long steps = 0;
        while (n > 1) {
            n = (n & 1) == 0 ? n >> 1 : 3 * n + 1;
            steps++;
        }
        return steps;
    }

    public static long walk(int n) {
        Node head = null;
        for (int i = 0; i < n; i++) head = new Node(i, head); // a call (the constructor): polled each time
        long s = 0;
        for (Node p = head; p != null; p = p.next) s += p.value;
        return s;
    }

    public static long handlerInside(int n, int k) {
        long s = 0;
        int i = 0;
        while (i < n) {
            try {
                s += 100 / (i - k);
            } catch (ArithmeticException e) {
                s -= 1_000;
            }
            i = i * 2 + 1; // not an increment by a constant: no counted loop
        }
        return s;
    }

    public static double wideLocals(int n, long l, double d) {
        double s = d;
        long m = l;
        int i = n;
        while (i-- > 0) {
            s += m * 0.5;
            m ^= i;
        }
        return s + m;
    }

    public static long built(int n) {
        return new Built(n).total;
    }

    public static long nested(int n, int m) {
        long s = 0;
        int i = 0;
        while (i < n) {
            int j = m;
            while (j > 0) s += (long) i * j--;
            i++;
        }
        return s;
    }

    public static long fieldBound(int n) {
        field = n;
        long s = 0;
        int i = 0;
        while (i < field) s += i++;
        return s;
    }

    public static long callInBody(int n) {
        long s = 0;
        int i = 0;
        while (i < n) s += Integer.toString(i++).length();
        return s;
    }
}
