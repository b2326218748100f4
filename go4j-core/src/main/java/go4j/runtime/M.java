package go4j.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * M: a machine, the platform carrier thread that runs goroutines. An M runs goroutines only while
 * it holds a P; it finds them in {@link Sched#schedule}, its whole life.
 *
 * <p>Ms are created on demand by {@link Sched#startm}, are daemon threads (the program ends when
 * {@code main} returns, as in Go), and park when there is nothing to run: an idle M sits in the
 * scheduler's idle-M list until someone hands it a P through {@link #nextp} and unparks it.
 */
final class M extends Thread {
    private static final VarHandle CUR_CONT;
    static {
        try {
            CUR_CONT = MethodHandles.lookup().findVarHandle(M.class, "curCont", Runnable.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Sched sched;
    final long mid;

    /**
     * The P this M holds, or null. Written only by this thread (acquirep/releasep); read by it
     * plainly, and racily by Census for a goroutine dump, which may see it late.
     */
    P p;

    /** A P handed to this parked M by another thread, which then unparks it. Volatile: the hand-over. */
    volatile P nextp;

    /** Whether this M is spinning (looking for work to steal). Owned; counted in Sched.nmspinning. */
    boolean spinning;

    /** Set by a waker together with nextp: the M starts out spinning. */
    volatile boolean nextSpinning;

    /** Whether the continuation findRunnable just returned came from runnext and so continues the time slice. Owned. */
    boolean inheritTime;

    /** Scratch space for stealing and for overflow to the global queue. Owned. */
    final Object[] batch;

    /**
     * The continuation this M is running right now, null between runs. Written by this M with a
     * relaxed store ({@link #srCurCont}: no fence on the hot path), read by sysmon and Checkdead
     * with an acquire load ({@link #lvCurCont}) to tell an M inside a goroutine from one looking
     * for work; they may see it late, never torn.
     */
    @SuppressWarnings("unused") private Runnable curCont;

    /** The kernel's id of this thread (Linux), for sysmon's blocked check; -1 when unknown. Written once at start. */
    volatile long tid = -1;

    /**
     * The continuation of the goroutine wired to this M by LockOSThread, or null. Written by that goroutine
     * while it runs here, read by this M between tasks: both on this OS thread.
     */
    Runnable lockedCont;
    /** LockOSThread nesting depth (Go 1.10+ counts). Same owner as lockedCont. */
    int lockedCount;
    /** The locked goroutine resubmitted itself while unmounting here (a yield): run it again at once. */
    boolean lockedReady;
    /** The locked goroutine, readied and handed to this M with a P by another M; published by nextp. */
    Runnable nextCont;

    /** This M's part of the registry of all goroutines: the goroutines spawned here are linked into it. */
    final Allgs.Shard allgs;

    /** Set by Go.gosched just before the goroutine yields: its resubmission goes to the global queue. Owned. */
    boolean goschedPending;

    M(Sched sched, long mid, P p, boolean spinning, int queueCapacity) {
        // Not +: the first M starts on the first go statement's path, where + would bootstrap
        // StringConcatFactory (~3 ms of a fresh JVM).
        super(null, null, "go4j-M".concat(Long.toString(mid)), 0, false);
        this.sched = sched;
        this.mid = mid;
        this.nextp = p;
        this.nextSpinning = spinning;
        this.batch = new Object[queueCapacity];
        this.allgs = sched.allgs.newShard();
        setDaemon(true);
    }

    /**
     * Starts a new M to run {@code p} (Go's newm). Past the thread limit the program ends, as Go's
     * {@code checkmcount} throws; a closed runtime starts no M, so what is readied after
     * {@code close} never runs.
     */
    static void newm(Sched sched, P p, boolean spinning) {
        if (sched.closed) return;
        long id = sched.mcount.incrementAndGet();
        if (id > sched.maxThreads) {
            System.err.println("go4j: program exceeds " + sched.maxThreads + "-thread limit");
            System.err.flush();
            Runtime.getRuntime().halt(2);
        }
        new M(sched, id, p, spinning, sched.queueCapacity).start();
    }

    @Override
    public void run() {
        tid = Sysmon.currentTid();
        try {
            sched.mstart(this);
        } catch (Exit closed) {
            // the scheduler was closed while this M waited for a P: the thread ends
        }
    }

    /** Thrown out of {@link #awaitP} once the scheduler is closed, to end the M's loop. */
    private static final class Exit extends RuntimeException {
        Exit() { super("scheduler closed", null, false, false); }
    }
    private static final Exit EXIT = new Exit();

    void srCurCont(Runnable cont) { CUR_CONT.setOpaque(this, cont); }

    Runnable lvCurCont() { return (Runnable) CUR_CONT.getAcquire(this); }

    /** Parks until another thread hands this M a P; ends the M if the scheduler is closed meanwhile. */
    P awaitP() {
        P handed;
        while ((handed = nextp) == null) {
            if (sched.closed) throw EXIT;
            LockSupport.park(this);
        }
        nextp = null;
        return handed;
    }

    /** Hands a P to this parked M and wakes it. */
    void wake(P handed, boolean asSpinning) {
        nextSpinning = asSpinning;
        nextp = handed;
        LockSupport.unpark(this);
    }
}
