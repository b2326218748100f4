package go4j.cli;

import go4j.Chan;
import go4j.Go;
import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.LockSupport;
import javax.management.ObjectName;

/**
 * A go4j program for {@link DumpCommandTest} to attach to: three goroutines blocked at one line,
 * one elsewhere. Prints {@code ready} once its go4j bean is registered, and runs until its
 * standard input closes.
 */
public final class BlockedProgram {
    static void waitOn(Chan<Integer> ch) {
        ch.recv();
    }

    public static void main(String[] args) throws Exception {
        Chan<Integer> ch = Chan.make();
        for (int i = 0; i < 4; i++) Go.go(() -> waitOn(ch));
        Go.go(() -> ch.send(1)); // meets one of them: three stay blocked at one line
        ObjectName bean = new ObjectName("go4j:type=Runtime");
        while (!ManagementFactory.getPlatformMBeanServer().isRegistered(bean)) LockSupport.parkNanos(1_000_000); // registered in the background
        while (Go.metrics().waitReasons().getOrDefault("chan receive", 0L) < 3) LockSupport.parkNanos(1_000_000);
        System.out.println("ready");
        System.out.flush();
        System.in.read();
    }
}
