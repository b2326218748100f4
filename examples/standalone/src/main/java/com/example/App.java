package com.example;

import static go4j.Go.go;

import go4j.Chan;
import go4j.Go;
import go4j.sync.WaitGroup;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * A go4j program packaged as an executable jar: goroutines, a channel, a WaitGroup, and one native
 * call (declared with {@code Go.syscall}). Run with {@code java -jar target/app.jar}: no flag is
 * needed, and nothing is printed to stderr.
 */
public final class App {
    private App() {}

    /** The sum of i*i for i in 1..n, computed by {@code workers} goroutines. */
    public static long sumOfSquares(int n, int workers) {
        Chan<Long> partials = Chan.make(workers);
        WaitGroup wg = new WaitGroup();
        for (int w = 0; w < workers; w++) {
            int first = w + 1;
            wg.go(() -> {
                long sum = 0;
                for (long i = first; i <= n; i += workers) sum += i * i;
                partials.send(sum);
            });
        }
        go(() -> { wg.await(); partials.close(); });
        long total = 0;
        for (long p : partials) total += p;
        return total;
    }

    /** getpid(2) through the FFM API: a restricted method, allowed by the manifest's Enable-Native-Access. */
    static int pid() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle getpid = linker.downcallHandle(
                linker.defaultLookup().find("getpid").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
        return (int) getpid.invokeExact();
    }

    public static void main(String[] args) throws Throwable {
        System.out.println("scheduler: " + (Go.schedulerActive() ? "go4j" : "the JDK's default") + ", GOMAXPROCS=" + Go.gomaxprocs());
        System.out.println("sum of squares 1..100: " + sumOfSquares(100, 4));
        int pid = Go.syscall(App::pidUnchecked);
        System.out.println("native getpid: " + (pid == ProcessHandle.current().pid() ? "ok" : "wrong: " + pid));
    }

    private static int pidUnchecked() {
        try {
            return pid();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
