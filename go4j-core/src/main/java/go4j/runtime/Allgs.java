package go4j.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The registry of all goroutines that exist (Go's {@code allgs}): one {@link G} each, in a
 * slot taken as the goroutine is created and emptied as it ends or is reported leaked.
 *
 * <p>Spawning and ending goroutines is the hot path, so neither takes a lock or an atomic
 * read-modify-write here. Each M has its own {@link Shard} of slots, which only code running on
 * that M fills (a goroutine spawning there: it does not park while it fills one, so it cannot
 * move to another M meanwhile). Whoever ends a G empties its slot, from any thread, with one
 * store: the G knows its slot, and slots never move. Spawns from other threads (a platform
 * thread such as {@code main}, or any goroutine while the JDK's own scheduler runs them) fill the
 * shared shard under its lock.
 *
 * <p>A shard's slots are a few arrays that only grow (64, 64, 128, 256, ... slots: each new one
 * doubles the capacity), scanned round-robin by a cursor for an empty slot. When a whole lap of
 * the cursor fills fewer than a quarter of the slots, the shard grows, so a spawn reads a few
 * slots on average (sequentially: a cache line holds many). Like Go, which keeps every G it ever
 * made for reuse, a shard keeps the capacity its peak needed; a slot costs 4 or 8 bytes.
 *
 * <p>Invariants:
 * <ul>
 * <li>Only a shard's owner (code on its M, or the holder of the shared shard's lock) fills slots,
 *     moves the cursor, grows the shard, and writes {@code added}; it fills only empty slots.
 * <li>A G's slot is emptied once: by its goroutine as it ends, or by the leak detector that
 *     claimed it ({@link G#exit} and {@link G#claimLeak} exclude each other).
 * <li>Slots are filled with release stores and read by others with acquire loads; snapshots
 *     ({@link #all}) take no lock and are a picture taken over a short while, as Go's is without
 *     stopping the world.
 * <li>{@code exits} of an M's shard is written only by code on that M (a goroutine ending there).
 * </ul>
 */
final class Allgs {
    /** Slots in a shard's first array (and its second). */
    static final int FIRST_CHUNK = 64;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(G[].class);
    private static final VarHandle ADDED, EXITS, SHARDS;
    static {
        try {
            var l = MethodHandles.lookup();
            SHARDS = l.findVarHandle(Allgs.class, "shards", Shard[].class);
            ADDED = l.findVarHandle(Shard.class, "added", long.class);
            EXITS = l.findVarHandle(Shard.class, "exits", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Memory-order accessors (see "Style notes" in package-info): so = release store, lv = acquire load.
    private static void soSlot(G[] a, int i, G r) { SLOT.setRelease(a, i, r); }
    private static G lvSlot(G[] a, int i) { return (G) SLOT.getAcquire(a, i); }
    private static void soAdded(Shard s, long n) { ADDED.setRelease(s, n); }
    private static long lvAdded(Shard s) { return (long) ADDED.getAcquire(s); }
    private static void soExits(Shard s, long n) { EXITS.setRelease(s, n); }
    private static long lvExits(Shard s) { return (long) EXITS.getAcquire(s); }

    /** One M's slots (or the shared ones). */
    static final class Shard {
        /** The slot arrays. Replaced (grown) by the owner; read by anyone. */
        private volatile G[][] chunks = {new G[FIRST_CHUNK]};
        /** Slots in all chunks. Owner only. */
        private int capacity = FIRST_CHUNK;
        /** The cursor: next slot to look at. Owner only. */
        private int chunk, index;
        /** Slots filled since the cursor last wrapped. Owner only. */
        private int filledThisLap;
        /** Records added, ever. Owner writes (release), anyone reads. */
        @SuppressWarnings("unused") private long added;
        /** Goroutines that ended on this M, ever. Written by code on the M (release), anyone reads. */
        @SuppressWarnings("unused") private long exits;
    }

    /** Spawns from threads that are not our Ms; guarded by its monitor (filling slots, counting exits). */
    private final Shard shared = new Shard();
    /** The shared shard, then one per M in creation order; copy-on-write by CAS. */
    private volatile Shard[] shards = {shared};

    /**
     * A shard for a new M. Lock-free: Ms are made by Ms and by goroutines, and a monitor here could
     * leave an M waiting on a goroutine that needs an M to run (see SpinLock).
     */
    Shard newShard() {
        Shard s = new Shard();
        while (true) {
            Shard[] old = shards;
            Shard[] next = Arrays.copyOf(old, old.length + 1);
            next[old.length] = s;
            if (SHARDS.compareAndSet(this, old, next)) return s;
        }
    }

    /**
     * Registers {@code r}. With {@code mine} the caller runs on the M that owns it and must not
     * park before this returns; with null it uses the shared shard.
     */
    void add(G r, Shard mine) {
        if (mine == null) {
            synchronized (shared) {
                fill(shared, r);
            }
        } else {
            fill(mine, r);
        }
    }

    /** Owner only: puts {@code r} into an empty slot of {@code s}, growing it when slots run short. */
    private static void fill(Shard s, G r) {
        G[][] cs = s.chunks;
        int c = s.chunk, i = s.index;
        while (true) {
            G[] a = cs[c];
            while (i < a.length && a[i] != null) i++; // a racy read at worst misses a slot just emptied
            if (i < a.length) {
                r.slots = a;
                r.slot(i);
                soSlot(a, i, r); // publishes the G with its slot fields
                s.chunk = c;
                s.index = i + 1;
                s.filledThisLap++;
                soAdded(s, s.added + 1); // owner only: a plain load of its own count
                return;
            }
            i = 0;
            if (++c < cs.length) continue;
            // A lap is done. Few slots were free on it: double the capacity, and fill the new ones.
            c = 0;
            if (s.filledThisLap < s.capacity / 4) {
                cs = Arrays.copyOf(cs, cs.length + 1);
                cs[cs.length - 1] = new G[s.capacity];
                s.capacity *= 2;
                s.chunks = cs;
                c = cs.length - 1;
            }
            s.filledThisLap = 0;
        }
    }

    /**
     * The goroutine of {@code r} ends (called by itself): marks its G, empties its slot, and
     * counts the end on {@code mine}, the caller's M's shard (null: the shared one).
     */
    void exit(G r, Shard mine) {
        r.exit();
        soSlot(r.slots, r.slot(), null);
        if (mine == null) {
            synchronized (shared) {
                soExits(shared, shared.exits + 1);
            }
        } else {
            soExits(mine, mine.exits + 1);
        }
    }

    /**
     * Claims {@code r}, whose thread the collector took, as leaked, and empties its slot. False when
     * it had ended or was claimed already: exactly one caller wins for a leaked G. A leaked
     * goroutine still counts in {@link #size}: as in Go, it never ended.
     */
    boolean claimLeak(G r) {
        if (!r.claimLeak()) return false;
        soSlot(r.slots, r.slot(), null);
        return true;
    }

    /** Whether {@code test} holds for every G of a goroutine neither ended nor claimed as leaked; stops at the first that fails. */
    boolean allMatch(java.util.function.Predicate<G> test) {
        for (Shard s : shards) {
            for (G[] a : s.chunks) {
                for (int i = 0; i < a.length; i++) {
                    G r = lvSlot(a, i);
                    if (r != null && r.live() && !test.test(r)) return false;
                }
            }
        }
        return true;
    }

    /** Records of goroutines neither ended nor claimed as leaked. */
    List<G> all() {
        List<G> out = new ArrayList<>();
        for (Shard s : shards) {
            for (G[] a : s.chunks) {
                for (int i = 0; i < a.length; i++) {
                    G r = lvSlot(a, i);
                    if (r != null && r.live()) out.add(r);
                }
            }
        }
        return out;
    }

    /**
     * Goroutines that exist: created and not ended (leaked ones included). Every end is read
     * before every creation, so a goroutine's end is never counted without its creation; racy
     * otherwise, like Go's.
     */
    long size() {
        Shard[] ss = shards;
        long n = 0;
        for (Shard s : ss) n -= lvExits(s);
        for (Shard s : ss) n += lvAdded(s);
        return n;
    }
}
