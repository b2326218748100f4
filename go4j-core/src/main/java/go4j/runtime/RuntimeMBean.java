package go4j.runtime;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.management.ObjectName;

/**
 * The {@link GoRuntimeMXBean} of a scheduler, and its registration as {@code go4j:type=Runtime}.
 *
 * <p>Registration happens on a daemon thread, and only once the program has run for
 * {@link #DELAY_MS}: creating the platform MBean server costs tens to hundreds of milliseconds of
 * CPU the first time, which a program's first {@code go} statement should neither wait for nor
 * share its cores with, and a program that ends sooner never pays. {@code -Dgo4j.jmx=false}
 * skips it. A second copy of go4j in the same JVM (another
 * class loader) finds the name taken and leaves the first one's bean in place.
 */
final class RuntimeMBean implements GoRuntimeMXBean {
    /** The name the default scheduler's bean is registered under. */
    static final String NAME = "go4j:type=Runtime";

    /** Completes with the registered name, or exceptionally with why it was not registered. */
    static final CompletableFuture<ObjectName> REGISTERED = new CompletableFuture<>();

    /** How long after the default scheduler starts its bean is registered. */
    static final long DELAY_MS = 200;

    private final Sched sched;

    RuntimeMBean(Sched sched) {
        this.sched = sched;
    }

    /**
     * Registers {@code sched}'s bean in the platform MBean server, in the background: the go4j-jmx
     * thread's work. Its own class, started as {@code RuntimeMBean.Registration.start}, so that the
     * first go statement loads neither this class nor what it implements and holds (a few ms of a
     * fresh JVM); and a class, not a lambda.
     */
    record Registration(Sched sched) implements Runnable {
        static void start(Sched sched) {
            if ("false".equals(System.getProperty("go4j.jmx"))) {
                REGISTERED.completeExceptionally(new IllegalStateException("-Dgo4j.jmx=false"));
                return;
            }
            Thread t = Thread.ofPlatform().daemon().name("go4j-jmx").unstarted(new Registration(sched));
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }

        @Override
        public void run() {
            java.util.concurrent.locks.LockSupport.parkNanos(DELAY_MS * 1_000_000L); // a policy, not a wait for anything
            try {
                ObjectName name = new ObjectName(NAME);
                ManagementFactory.getPlatformMBeanServer().registerMBean(new RuntimeMBean(sched), name);
                REGISTERED.complete(name);
            } catch (Exception | LinkageError e) { // name taken, or java.management missing: no bean, nothing else lost
                REGISTERED.completeExceptionally(e);
            }
        }
    }

    @Override public int getGomaxprocs() { return sched.gomaxprocs(); }
    @Override public void setGomaxprocs(int n) { sched.handoff.procresize(n); }
    @Override public long getNumGoroutine() { return sched.allgs.size(); }
    @Override public int getThreads() { return SchedTrace.stats(sched).threads(); }
    @Override public int getIdleProcs() { return SchedTrace.stats(sched).idleProcs(); }
    @Override public int getSpinningThreads() { return SchedTrace.stats(sched).spinningThreads(); }
    @Override public int getGlobalRunqueue() { return SchedTrace.stats(sched).globalRunqueue(); }

    @Override
    public int[] getLocalRunqueues() {
        return Census.metrics(sched).runqueues().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public long getSteals() {
        long n = 0;
        for (long s : SchedTrace.stats(sched).steals()) n += s;
        return n;
    }

    @Override public long getPreemptions() { return sched.preemptions.sum(); }
    @Override public long getHandoffs() { return sched.handoffs.sum(); }
    @Override public long getSyscalls() { return sched.syscalls.sum(); }
    @Override public long getHogs() { return sched.hogReports.sum(); }
    @Override public long getLeaks() { return Census.leakCount(sched); }
    @Override public Map<String, Long> getGoroutinesByState() { return Census.byState(sched); }

    @Override
    public String getGoroutineStates() {
        StringBuilder sb = new StringBuilder();
        Census.byState(sched).forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    @Override public Map<String, Long> getWaitReasons() { return Census.waitReasons(sched); }
    @Override public String dump() { return Traceback.dump(sched, true); }
    @Override public String schedtrace() { return SchedTrace.line(sched); }
    @Override public String dumpGrouped() { return GoroutineProfile.grouped(sched); }

    @Override
    public byte[] profile() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            GoroutineProfile.writePprof(sched, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // not thrown by a byte array
        }
        return out.toByteArray();
    }

    @Override
    public String[] leaks() {
        return sched.leakDetector.collect().stream().map(Object::toString).toArray(String[]::new);
    }

    @Override
    public String[] hogs() {
        return SchedTrace.hogs(sched).toArray(new String[0]);
    }
}
