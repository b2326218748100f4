package go4j.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.lang.invoke.VarHandle;

/**
 * The scheduler: Go's {@code sched} and the hot path of {@code proc.go}.
 *
 * <p>Read it top to bottom: {@link #newproc} creates a goroutine ({@link Newproc}); the JDK hands its continuation
 * to {@link #execute}, which queues it ({@link #runqput}) and wakes an M if one is needed
 * ({@link #wakep}); each M loops in {@link #schedule}, taking a continuation from
 * {@link #findRunnable} (runnext, local queue, global queue, stealing) and parking in
 * {@link #stopm} when there is none. The package overview ({@code package-info.java}) explains the
 * design and its invariants.
 *
 * <p>What the run queues hold is a <em>continuation</em>: the {@code Runnable} the JDK gives us
 * to mount a goroutine's virtual thread ({@code cont} below), not the {@link G} itself.
 *
 * <p>Around the hot path, one file per role, each owning its state:
 * <ul>
 * <li>{@link Newproc}: a goroutine's creation ({@code newproc}, {@code newg}, its id) and its end ({@code goexit}).
 * <li>{@link Idle}: the idle-P and idle-M lists (Go's {@code pidle}, {@code midle}).
 * <li>{@link Handoff}: P retirement, handoff of a blocked M's P, {@code Go.syscall}, GOMAXPROCS.
 * <li>{@link LockedMs}: LockOSThread ({@code stoplockedm}, {@code startlockedm}).
 * <li>{@link M}: the carrier thread, its start ({@code newm}, the thread limit) and its parking.
 * <li>{@link SchedTrace}: observation (schedtrace, counters, the Ms).
 * <li>{@link Schedinit}: the process-wide scheduler and its settings; closing a test's.
 * </ul>
 * {@code go4j.Go} starts goroutines here; the rest of what it offers is {@link GoRuntime}.
 *
 * <p>Locking: {@link #lock} (Go's {@code sched.lock}) guards the idle-P and idle-M lists, the
 * spare Ps and changes of {@link #allp}. The global queue has its own lock, always taken after
 * {@link #lock} when both are held. Both are {@link SpinLock}s, never monitors: goroutines take
 * them too, and a goroutine must never unmount while an M waits for it (see SpinLock). Nothing
 * here parks while holding a lock.
 */
public final class Sched {

    static {
        // go4j tracks goroutines weakly, so that the GC can prove a blocked one leaked; the JDK's
        // registry would hold them strongly. Read on the first virtual thread (the launcher passes it too).
        if (System.getProperty("jdk.trackAllThreads") == null) System.setProperty("jdk.trackAllThreads", "false");
        Schedinit.warmUpJdk(); // after the property: the JDK reads it as it initialises
    }

    // ---- configuration ----------------------------------------------------------------------

    /** Capacity of each P's local run queue: 256 as in Go; tests shrink it to reach the overflow paths. */
    final int queueCapacity;
    /** Whether goroutines are scheduled by us (true) or by the JDK's default scheduler (the fallback). */
    final boolean custom;

    // ---- state ------------------------------------------------------------------------------

    /** Go's sched.lock; a {@link SpinLock}, since goroutines take it too. */
    final SpinLock lock = new SpinLock();
    /** The live Ps, indexed by id; replaced (copy-on-write) under {@link #lock}, read racily. */
    volatile P[] allp;
    /** The idle Ps and Ms. */
    final Idle idle;
    /** Ms currently spinning (looking for work without having found any). */
    final AtomicInteger nmspinning = new AtomicInteger();
    final GlobalRunQueue globrunq = new GlobalRunQueue();
    /** Retiring Ps: handoff, syscalls, GOMAXPROCS. */
    final Handoff handoff = new Handoff(this);
    /** Goroutines wired to an M by LockOSThread. */
    final LockedMs locked = new LockedMs(this);

    final AtomicLong mcount = new AtomicLong();     // Ms ever created (ids) == live Ms: Ms exit only when closed
    /** Go's debug.SetMaxThreads: past this many Ms, {@link M#newm} ends the process. */
    volatile int maxThreads = 10_000;
    final long startNanos = System.nanoTime();

    // Counted as the runtime goes, for SchedTrace.Stats, the schedtrace and the management bean:
    final LongAdder preemptions = new LongAdder();  // goroutines that yielded at a checkpoint when asked
    final LongAdder handoffs = new LongAdder();     // Ps taken from blocked Ms by sysmon
    final LongAdder syscalls = new LongAdder();     // Ps handed off by Go.syscall
    final LongAdder hogReports = new LongAdder();   // hogs sysmon reported
    final Sysmon sysmon;
    /** Every goroutine that exists, by its record; and the detector that reports those the GC proves leaked. */
    final Allgs allgs = new Allgs();
    /** Whether this is the process-wide runtime, whose sysmon ends a program proven dead (Checkdead). */
    final boolean checksDead;
    /** Set by {@link #close}: sysmon and the leak watcher end, idle Ms end, no new M starts. */
    volatile boolean closed;
    final LeakDetector leakDetector = new LeakDetector(allgs);
    /** {@link #execute}, as each goroutine's scheduler: not public, so a {@code Sched} lets no one run code on a carrier. */
    final Executor executor = new Executor() {
        @Override public void execute(Runnable cont) { Sched.this.execute(cont); }
    };

    /** A runtime of a test's own: see {@link Schedinit} for the process-wide one. */
    Sched(int gomaxprocs, int queueCapacity, boolean custom) {
        this(gomaxprocs, queueCapacity, custom, false);
    }

    Sched(int gomaxprocs, int queueCapacity, boolean custom, boolean processWide) {
        if (gomaxprocs < 1) throw new IllegalArgumentException("gomaxprocs must be >= 1: " + gomaxprocs);
        this.queueCapacity = queueCapacity;
        this.custom = custom;
        this.checksDead = processWide;
        P[] ps = new P[gomaxprocs];
        for (int i = 0; i < gomaxprocs; i++) ps[i] = new P(i, queueCapacity);
        idle = new Idle(this, ps);
        allp = ps;
        sysmon = new Sysmon(this);
        if (custom) sysmon.start(); else Tracing.watch(); // without a sysmon to install JFR's listener (see JfrEvents.live)
        if (!processWide) leakDetector.start(); // the process-wide one's comes later: Schedinit.bringUp
    }

    // ---- goroutine creation: Newproc ----------------------------------------------------------

    /** What every goroutine thread started at once runs: it finds its G in the thread's handler field. */
    final G.Entry entry = new G.Entry(this);

    /** Creates and starts a goroutine running {@code body} (Go's newproc): see {@link Newproc#newproc}. */
    public G newproc(Runnable body) { return Newproc.newproc(this, body, Newproc.NUMBERED_NAMES); }

    /** The same, its thread named {@code goroutine N}: {@code Go.executor()}'s (see {@link Newproc#THREAD_NAME}). */
    public G newprocNumbered(Runnable body) { return Newproc.newproc(this, body, true); }

    /** Creates a goroutine without starting it, for {@code Go.threadFactory()}: see {@link Newproc#newThread}. */
    public Thread newThread(Runnable body) { return Newproc.newThread(this, body); }

    // ---- readying: what the JDK calls, through {@link #executor} ------------------------------

    /**
     * Makes a goroutine's continuation runnable. The JDK calls this when a goroutine starts, is
     * unparked, or yields; it pins the caller, so this must never park. It may wait briefly for a
     * {@link SpinLock} (the global queue's; the scheduler's in {@code startm}), whose holders never
     * park either, so the wait is bounded by a few field writes.
     * <ul>
     * <li>From a goroutine running on one of our Ms (an unpark, or a spawn): the continuation goes to that
     *     M's P as {@code runnext}, so a goroutine that readies another hands over to it directly.
     * <li>From the JDK's I/O pollers running on one of our Ms: the tail of that M's ring while it
     *     is under half full, else the global queue.
     * <li>From one of our Ms itself (the goroutine that just unmounted is being resubmitted: a
     *     yield, or a park whose permit was already there): the tail of the local queue;
     *     {@code Go.gosched} and preemption ask for the global queue instead, as in Go, where
     *     such a goroutine waits behind everything readied.
     * <li>From any other thread (main, timers, the JDK's master poller): the global queue.
     * </ul>
     */
    void execute(Runnable cont) {
        Thread current = Thread.currentThread();
        if (Tracing.on) JfrEvents.unpark(cont, current); // who readied whom, only while tracing
        if (current.isVirtual()) {
            if (VirtualThreadHook.currentCarrier() instanceof M m && m.sched == this && m.p instanceof P p && !p.retired) {
                // A goroutine readied another (an unpark, or a spawn): runnext of its P.
                if (G.of(current) != null) {
                    runqput(m, p, cont, true);
                    wakep();
                    return;
                }
                // A virtual thread on our M that is no goroutine: one of the JDK's I/O
                // sub-pollers, which ready hundreds per poll. Through runnext each would push the
                // previous one back (5,000 connections: p99 0.8 s). They join the tail of this
                // P's ring, near the data the poller just touched, as ForkJoinPool pushes them
                // to the poller's worker queue; once the ring is half full, the global queue, in
                // order, so that a burst never overflows the ring and reorders it (see
                // docs/performance.md, "where a poller's wake-up should go").
                if (p.runq.size() < queueCapacity / 2) {
                    runqput(m, p, cont, false);
                    wakep();
                    return;
                }
            }
        } else if (current instanceof M m && m.sched == this) {
            // The goroutine that just unmounted from this M is resubmitted (a yield, or a park that
            // found its permit already there).
            if (cont == m.lockedCont) {
                m.lockedReady = true; // a locked goroutine resumes here at once (see stoplockedm)
                m.goschedPending = false;
                return;
            }
            if (m.goschedPending) {
                m.goschedPending = false;
                globrunq.putYielded(cont); // preempted or Go.gosched: behind everything readied
                VarHandle.fullFence();
                wakep();
                return;
            }
            if (m.p instanceof P p && !p.retired) {
                runqput(m, p, cont, false);
                wakep();
                return;
            }
            // Its P was retired under it (a handoff, or GOMAXPROCS shrank): the global queue.
        }
        globrunq.put(cont);
        VarHandle.fullFence(); // StoreLoad: the continuation is visible before wakep reads npidle/nmspinning
        wakep();
    }

    /**
     * The calling goroutine, running on {@code m}, gives its carrier up and waits in the global
     * queue behind readied work (Go's goschedImpl): {@link #execute} sees the flag when the JDK
     * resubmits it. For {@code Go.gosched}, preemption, and a goroutine whose P was retired.
     */
    static void goschedImpl(M m) {
        m.goschedPending = true;
        Thread.yield();
    }

    /**
     * Go's Gosched: the calling goroutine yields its P and goes to the global queue; from a
     * platform thread, a plain {@code Thread.yield}. When nothing else is runnable here (our P's
     * queue and runnext and the global queue are empty) and sysmon has not asked for the P, it
     * returns at once: Go would queue the goroutine globally and its schedule would take it
     * straight back, and the round trip through the JDK's unmount and mount costs ~400 ns.
     */
    public void gosched() {
        if (custom && Thread.currentThread().isVirtual()
                && VirtualThreadHook.currentCarrier() instanceof M m && m.sched == this) {
            P p = m.p;
            if (p != null && !p.retired && !p.preempt && !p.hasWork() && globrunq.size() == 0) return;
            goschedImpl(m);
            return;
        }
        Thread.yield();
    }

    /**
     * Puts {@code cont} on {@code p}, held by {@code m} (Go's runqput). With {@code next} it becomes
     * runnext and the previous runnext moves to the tail; when the ring is full, half of it and
     * the continuation move to the global queue.
     */
    void runqput(M m, P p, Runnable cont, boolean next) {
        if (next) {
            Runnable old = p.swapRunnext(cont); // a full fence, which also orders the wakep reads
            if (old == null) return;
            cont = old; // kick the old runnext out to the regular run queue
        }
        while (!p.runq.offer(cont)) {
            int n = p.runq.drainHalf(m.batch);
            if (n > 0) {
                m.batch[n++] = cont;
                globrunq.putBatch(m.batch, n);
                break;
            }
        }
        // StoreLoad: the new tail is visible before wakep reads npidle/nmspinning. After a runnext
        // swap the swap was that fence: a spinner that re-checks after giving up sees the new
        // runnext (P.hasWork), so work is visible whichever of the two it looks at first.
        if (!next) VarHandle.fullFence();
    }

    /**
     * Tries to add one more P to run goroutines (Go's wakep): if a P is idle and no M is spinning,
     * start a spinning M with it. A spinning M that finds work starts the next one, so a burst of
     * work ramps up the Ms one by one without a thundering herd.
     */
    void wakep() {
        if (idle.npidle == 0 || nmspinning.get() != 0 || !nmspinning.compareAndSet(0, 1)) return;
        startm(null, true);
    }

    /**
     * Runs {@code p} (or an idle P when null) on an idle M, or a new one (Go's startm). With
     * {@code spinning}, the caller has already counted the M in {@link #nmspinning}.
     */
    void startm(P p, boolean spinning) {
        M m;
        lock.lock();
        try {
            if (p == null) {
                p = idle.pidleget();
                if (p == null) {
                    if (spinning) nmspinning.decrementAndGet();
                    return;
                }
            }
            m = idle.mget();
        } finally {
            lock.unlock();
        }
        sysmon.wake();
        if (m != null) {
            m.wake(p, spinning);
        } else {
            M.newm(this, p, spinning);
        }
    }

    // ---- the M's loop -----------------------------------------------------------------------

    /** An M's whole life: take the P it was started with, then schedule forever. */
    void mstart(M m) {
        P p = m.nextp;
        m.nextp = null;
        acquirep(m, p);
        m.spinning = m.nextSpinning;
        schedule(m);
    }

    /** One round per goroutine run (Go's schedule): find a continuation, run it until it parks or yields. */
    private void schedule(M m) {
        while (true) {
            Runnable cont;
            if (m.lockedCont != null) {
                cont = locked.stoplockedm(m);
            } else {
                cont = findRunnable(m);
                if (m.spinning) resetspinning(m);
                if (locked.nlocked > 0 && locked.startlockedm(m, cont)) continue;
            }
            P p = m.p;
            if (!m.inheritTime) {
                p.tick();
                if (p.preempt) Preempt.unmark(p); // a mark for the previous slice
            }
            p.switched();
            m.srCurCont(cont);
            Object span = Tracing.on ? JfrEvents.runBegin(cont, p) : null; // a run span, only while tracing
            try {
                cont.run(); // mounts the virtual thread; returns when it parks, yields or ends
            } catch (Throwable t) {
                System.err.println("go4j: internal error running a goroutine: " + t);
                t.printStackTrace();
            }
            if (span != null) JfrEvents.runEnd(span);
            m.srCurCont(null);
            // Interpreted frames keep dead locals as GC roots: while this M idles in findRunnable,
            // the last goroutine it ran must not be reachable from here, or its leak goes unseen.
            cont = null;
        }
    }

    /**
     * Finds a continuation to run, parking the M until there is one (Go's findRunnable). Returns with
     * {@code m.p} held and {@code m.inheritTime} telling whether it continues the time slice
     * (it came from runnext).
     */
    private Runnable findRunnable(M m) {
        while (true) {
            P p = m.p;
            if (p == null || p.retired) {
                // An M without a live P is not spinning, whatever it was woken as: a producer that
                // sees nmspinning > 0 wakes nobody, trusting the spinner to find its work. (An M
                // woken spinning with a P that GOMAXPROCS then retired kept its count here, parked,
                // and every later wake-up from outside the scheduler was lost.) The re-check that
                // must follow a spinner's decrement is the idle-P attempt below.
                stopspinning(m);
                if (p != null) handoff.dropRetired(m, p);
                if (!idle.acquireIdleP(m)) stopm(m);
                continue;
            }
            m.inheritTime = false;
            Runnable cont;

            // Fairness: now and then the global queue first, so two goroutines readying each other
            // on the local queue cannot starve it.
            if (p.lrSchedtick() % 61 == 0 && globrunq.size() > 0) {
                cont = globrunq.get(p, m.batch, allp.length, 1);
                if (cont != null) return cont;
            }

            // Local: runnext first (inherits the time slice), then the ring.
            Runnable next = p.lvRunnext();
            if (next != null && p.casRunnext(next, null)) {
                m.inheritTime = true;
                return next;
            }
            cont = p.runq.poll();
            if (cont != null) return cont;

            // Global.
            if (globrunq.size() > 0) {
                cont = globrunq.get(p, m.batch, allp.length, 0);
                if (cont != null) return cont;
            }

            // Steal, unless enough Ms are spinning already: at most half the busy Ps.
            int procs = allp.length;
            if (m.spinning || 2 * nmspinning.get() < procs - idle.npidle) {
                if (!m.spinning) {
                    m.spinning = true;
                    nmspinning.incrementAndGet();
                }
                cont = stealWork(m, p);
                if (cont != null) return cont;
            }

            // Nothing anywhere: give the P back and park, carefully (see "Parking" in the overview).
            lock.lock();
            try {
                if (globrunq.size() > 0) {
                    cont = globrunq.get(p, m.batch, allp.length, 0);
                    if (cont != null) return cont;
                }
                releasep(m);
                idle.pidleput(p); // a P retired meanwhile becomes a spare instead
            } finally {
                lock.unlock();
            }
            boolean wasSpinning = m.spinning;
            if (wasSpinning) {
                m.spinning = false;
                nmspinning.decrementAndGet(); // before the re-check: a producer that saw us spinning did not wake anyone
            }
            if (anyWork() && idle.acquireIdleP(m)) {
                if (wasSpinning) {
                    m.spinning = true;
                    nmspinning.incrementAndGet();
                }
                continue;
            }
            stopm(m);
        }
    }

    /** Racy: whether any P's queue or the global queue holds work. */
    boolean anyWork() {
        if (globrunq.size() > 0) return true;
        for (P pp : allp) if (pp.hasWork()) return true;
        return false;
    }

    /**
     * Steals from other Ps (Go's stealWork): four passes over them in a random order, half a queue
     * at a time; runnext only on the last pass, so a goroutine its owner is about to run (a
     * ping-pong partner) is not pulled away from it.
     */
    private Runnable stealWork(M m, P p) {
        P[] ps = allp;
        int n = ps.length;
        if (n <= 1) return null;
        for (int pass = 0; pass < 4; pass++) {
            boolean stealRunnext = pass == 3;
            StealOrder order = StealOrder.random(n);
            for (int i = 0; i < n; i++) {
                P victim = ps[order.at(i)];
                if (victim == p) continue;
                Runnable cont = p.runqsteal(victim, m.batch, stealRunnext);
                if (cont != null) return cont;
            }
            if (globrunq.size() > 0) {
                Runnable cont = globrunq.get(p, m.batch, n, 0);
                if (cont != null) return cont;
            }
        }
        return null;
    }

    /** A spinning M found work: stop spinning, and if it was the last spinner, start another (Go's resetspinning). */
    private void resetspinning(M m) {
        m.spinning = false;
        nmspinning.decrementAndGet();
        wakep();
    }

    /** The M stops counting as spinning, if it did. */
    private void stopspinning(M m) {
        if (m.spinning) {
            m.spinning = false;
            nmspinning.decrementAndGet();
        }
    }

    /** Parks {@code m} in the idle list until another thread hands it a P (Go's stopm). */
    void stopm(M m) {
        assert !m.spinning : "stopm spinning"; // a parked spinner would silence wakep for good
        assert m.p == null : "stopm holding a P";
        lock.lock();
        try {
            idle.mput(m);
        } finally {
            lock.unlock();
        }
        P p = m.awaitP();
        acquirep(m, p);
        m.spinning = m.nextSpinning;
    }

    // ---- Ps ---------------------------------------------------------------------------------

    void acquirep(M m, P p) {
        assert m.p == null : "acquirep: M already holds a P";
        m.p = p;
        p.m = m;
    }

    void releasep(M m) {
        P p = m.p;
        assert p != null && p.m == m : "releasep: invalid P state";
        m.p = null;
        p.m = null;
    }

    /** Stops this runtime's threads, for tests that each build their own (see {@link Schedinit#close}). */
    void close() { Schedinit.close(this); }

    /** The M the calling goroutine runs on, or null. */
    M currentM() {
        if (!custom || !Thread.currentThread().isVirtual()) return null;
        return VirtualThreadHook.currentCarrier() instanceof M m && m.sched == this ? m : null;
    }

    // ---- for go4j.Go and GoRuntime --------------------------------------------------------------

    /** The scheduler {@code go4j.Go} uses, created on first use (see {@link Schedinit}). */
    public static Sched get() { return Schedinit.sched(); }

    int gomaxprocs() { return allp.length; }
}
