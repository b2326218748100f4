package examples;

import static go4j.Go.go;

import go4j.Chan;
import go4j.Select;
import java.util.ArrayList;
import java.util.List;

/**
 * The concurrent prime sieve from Go's documentation: a generator goroutine sends 2, 3, 4, ...;
 * each prime found adds a filter goroutine that drops the multiples of that prime, so the
 * chain of filters grows as the primes come out (a daisy chain of goroutines and channels).
 *
 * <pre>
 *   ./go4j run examples/src/main/java/examples/PrimeSieve.java 20
 * </pre>
 *
 * Go's version lets {@code main} return with the chain still blocked; here a {@code quit}
 * channel ends every goroutine of the chain when enough primes were taken, so nothing leaks
 * when the sieve runs inside a longer-lived program.
 */
public final class PrimeSieve {

    /** Sends 2, 3, 4, ... to {@code ch} until quit closes. */
    static void generate(Chan<Integer> ch, Chan<Void> quit) {
        for (int i = 2; ; i++) {
            if (Select.select(Select.send(ch, i, null), Select.recv(quit, null)) == 1) return;
        }
    }

    /** Copies the values from {@code in} to {@code out}, removing those divisible by {@code prime}. */
    static void filter(Chan<Integer> in, Chan<Integer> out, int prime, Chan<Void> quit) {
        while (true) {
            Integer[] got = new Integer[1];
            if (Select.select(Select.recv(in, v -> got[0] = v), Select.recv(quit, null)) == 1) return;
            int i = got[0];
            if (i % prime != 0) {
                if (Select.select(Select.send(out, i, null), Select.recv(quit, null)) == 1) return;
            }
        }
    }

    /** The first {@code n} primes, found by a chain of {@code n} goroutines. */
    public static List<Integer> primes(int n) {
        Chan<Void> quit = Chan.make();
        Chan<Integer> ch = Chan.make();
        Chan<Integer> source = ch;
        go(() -> generate(source, quit));
        List<Integer> primes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int prime = ch.recv();
            primes.add(prime);
            Chan<Integer> in = ch, out = Chan.make();
            go(() -> filter(in, out, prime, quit));
            ch = out;
        }
        quit.close(); // every goroutine of the chain returns
        return primes;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        for (int p : primes(n)) System.out.println(p);
    }
}
