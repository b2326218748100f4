package samples;

import java.util.function.IntUnaryOperator;

/**
 * Loops in every shape javac compiles, for the agent's tests. Each method's comment says how many
 * backward jumps javac emits for it and how often they run for an argument {@code n >= 1}.
 * Methods are pure functions of {@code n}, so an instrumented copy must return the same.
 */
public class Loops {
    /** A loop in the class initialiser: never instrumented. */
    public static final int TABLE_SUM;

    static {
        int s = 0;
        for (int i = 0; i < 10; i++) s += i;
        TABLE_SUM = s;
    }

    private final int bias;

    /** A constructor with a loop: 1 back-edge, runs n times. */
    public Loops(int n) {
        int b = 0;
        for (int i = 0; i < n; i++) b += i;
        this.bias = b;
    }

    public int bias() {
        return bias;
    }

    /** 1 back-edge (goto), runs n times. */
    public static int forLoop(int n) {
        int s = 0;
        for (int i = 0; i < n; i++) s += i;
        return s;
    }

    /** 1 back-edge (goto), runs n times. */
    public static int whileLoop(int n) {
        int s = 0, i = 0;
        while (i < n) {
            s += i * 3;
            i++;
        }
        return s;
    }

    /** 1 back-edge (if_icmplt, the condition itself), runs n times. */
    public static int doWhile(int n) {
        int s = 0, i = 0;
        do {
            s += i ^ 5;
            i++;
        } while (i < n);
        return s;
    }

    /** 2 back-edges, run n*n + n times. */
    public static int nested(int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) s += i * j;
        }
        return s;
    }

    /**
     * 2 back-edges ({@code continue outer} jumps forward, to the outer update); the outer one
     * runs n times, the inner one i+1 times in outer round i: n + n(n+1)/2 in all.
     */
    public static int labelledContinue(int n) {
        int s = 0;
        outer:
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j > i) continue outer;
                s += j + 1;
            }
        }
        return s;
    }

    /** 1 back-edge, in the lambda's synthetic method; runs n times. */
    public static int inLambda(int n) {
        IntUnaryOperator sum = k -> {
            int s = 0;
            for (int i = 0; i < k; i++) s += i * i;
            return s;
        };
        return sum.applyAsInt(n);
    }

    /** 1 back-edge: every switch target lies ahead of the switch. Runs n times. */
    public static int switchInLoop(int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            switch (i % 4) {
                case 0 -> s += 1;
                case 1 -> s += 10;
                case 2 -> s += 100;
                default -> s += 1000;
            }
        }
        return s;
    }

    /** 1 back-edge: the handler and the jump over it both go forward. Runs n times. */
    public static int tryCatchInLoop(int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            try {
                s += 100 / (i % 3);
            } catch (ArithmeticException e) {
                s -= 1;
            }
        }
        return s;
    }

    /**
     * 1 back-edge: javac turns {@code if (...) break} at the end into a backward
     * {@code if_icmplt}, a jump with its two operands on the stack. Runs n times.
     */
    public static long whileTrueBreak(int n) {
        long x = 1;
        int i = 0;
        while (true) {
            x = x * 31 + i;
            if (++i >= n) break;
        }
        return x;
    }

    /** 2 back-edges, the fill loop and the enhanced for; 2n runs. */
    public static int forEach(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) values[i] = i + 1;
        int s = 0;
        for (int v : values) s += v;
        return s;
    }

    /** No loop: nothing inserted. */
    public static int noLoop(int n) {
        return n * 2 + 1;
    }

    /** An instance method with a loop reading a field: 1 back-edge, runs n times. */
    public int instanceLoop(int n) {
        int s = bias;
        for (int i = 0; i < n; i++) s += i;
        return s;
    }
}
