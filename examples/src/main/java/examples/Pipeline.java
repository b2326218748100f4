package examples;

import go4j.Chan;
import go4j.Select;
import go4j.sync.WaitGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline with fan-out, fan-in and cancellation, in the shape of the Go blog's "Pipelines and
 * cancellation": {@code gen} emits numbers, several {@code sq} stages square them in parallel
 * (fan-out), {@code merge} gathers their outputs onto one channel (fan-in), and closing the
 * {@code done} channel tells every stage to stop, so none is left blocked on a send nobody will
 * receive.
 *
 * <pre>
 *   ./go4j run examples/src/main/java/examples/Pipeline.java
 * </pre>
 *
 * {@code done} is a {@code Chan<Void>}: nothing is ever sent on it, closing it is the broadcast
 * (Go's {@code chan struct{}}). With the context package, {@code ctx.done()} plays the same role.
 */
public final class Pipeline {

    /** Emits {@code nums} on the returned channel, then closes it; stops early when done closes. */
    static Chan<Integer> gen(Chan<Void> done, WaitGroup stages, int... nums) {
        Chan<Integer> out = Chan.make();
        stages.go(() -> {
            try {
                for (int n : nums) {
                    // select { case out <- n: case <-done: return }
                    if (Select.select(Select.send(out, n, null), Select.recv(done, null)) == 1) return;
                }
            } finally {
                out.close();
            }
        });
        return out;
    }

    /** Squares what arrives on {@code in} until it closes or done closes. */
    static Chan<Integer> sq(Chan<Void> done, WaitGroup stages, Chan<Integer> in) {
        Chan<Integer> out = Chan.make();
        stages.go(() -> {
            try {
                for (int n : in) {
                    if (Select.select(Select.send(out, n * n, null), Select.recv(done, null)) == 1) return;
                }
            } finally {
                out.close();
            }
        });
        return out;
    }

    /** Fan-in: copies every input channel to one output, closed when all inputs are. */
    @SafeVarargs
    static Chan<Integer> merge(Chan<Void> done, WaitGroup stages, Chan<Integer>... cs) {
        Chan<Integer> out = Chan.make();
        WaitGroup wg = new WaitGroup();
        for (Chan<Integer> c : cs) {
            wg.add(1);
            stages.go(() -> {
                try {
                    for (int n : c) {
                        if (Select.select(Select.send(out, n, null), Select.recv(done, null)) == 1) return;
                    }
                } finally {
                    wg.done();
                }
            });
        }
        stages.go(() -> {
            wg.await();
            out.close();
        });
        return out;
    }

    /** Squares {@code nums} on {@code workers} parallel stages and returns the sum of the squares. */
    public static long sumOfSquares(int workers, int... nums) {
        Chan<Void> done = Chan.make();
        WaitGroup stages = new WaitGroup();
        Chan<Integer> in = gen(done, stages, nums);
        @SuppressWarnings("unchecked")
        Chan<Integer>[] outs = new Chan[workers];
        for (int i = 0; i < workers; i++) outs[i] = sq(done, stages, in); // fan-out: all read `in`
        long sum = 0;
        for (int v : merge(done, stages, outs)) sum += v;
        done.close();
        stages.await();
        return sum;
    }

    /**
     * Takes only the first {@code take} results, then cancels: closing {@code done} unblocks every
     * stage still trying to send. Returns once every stage goroutine has returned (it would hang
     * if cancellation failed).
     */
    public static List<Integer> firstThenCancel(int workers, int take, int... nums) {
        Chan<Void> done = Chan.make();
        WaitGroup stages = new WaitGroup();
        Chan<Integer> in = gen(done, stages, nums);
        @SuppressWarnings("unchecked")
        Chan<Integer>[] outs = new Chan[workers];
        for (int i = 0; i < workers; i++) outs[i] = sq(done, stages, in);
        Chan<Integer> out = merge(done, stages, outs);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < take; i++) got.add(out.recv());
        done.close();   // Go: defer close(done)
        stages.await(); // every stage has seen done and returned
        return got;
    }

    public static void main(String[] args) {
        int[] nums = new int[1000];
        for (int i = 0; i < nums.length; i++) nums[i] = i + 1;
        System.out.println("sum of squares of 1..1000 on 4 workers: " + sumOfSquares(4, nums));
        List<Integer> first = firstThenCancel(4, 3, nums);
        System.out.println("first 3 squares, then cancelled: " + first + " (every stage returned)");
    }
}
