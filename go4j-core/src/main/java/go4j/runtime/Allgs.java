package go4j.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of all goroutines that exist (Go's {@code allgs}): one {@link GRecord} each, added
 * as the goroutine is created and removed as it ends, or as the leak detector reports it.
 *
 * <p>Sixteen stripes, each an intrusive doubly-linked list under its own lock, chosen by goid:
 * adding and removing are O(1) and rarely contended, with no allocation beyond the record.
 * Snapshots ({@link #all}) lock one stripe at a time, so they are not atomic across stripes; a
 * dump is a picture taken over a short while, as Go's is without stopping the world.
 */
final class Allgs {
    private static final int STRIPES = 16;

    private static final class Stripe {
        GRecord head; // guarded by this
        int size;     // guarded by this
    }

    private final Stripe[] stripes = new Stripe[STRIPES];

    Allgs() {
        for (int i = 0; i < STRIPES; i++) stripes[i] = new Stripe();
    }

    private Stripe stripe(GRecord r) {
        return stripes[(int) (r.goid & (STRIPES - 1))];
    }

    void add(GRecord r) {
        Stripe s = stripe(r);
        synchronized (s) {
            r.next = s.head;
            if (s.head != null) s.head.prev = r;
            s.head = r;
            s.size++;
        }
    }

    /** Removes r; false when it was not there (already removed). */
    boolean remove(GRecord r) {
        Stripe s = stripe(r);
        synchronized (s) {
            if (r.prev == null && s.head != r) return false;
            if (r.prev != null) r.prev.next = r.next; else s.head = r.next;
            if (r.next != null) r.next.prev = r.prev;
            r.prev = r.next = null;
            s.size--;
            return true;
        }
    }

    List<GRecord> all() {
        List<GRecord> out = new ArrayList<>();
        for (Stripe s : stripes) {
            synchronized (s) {
                for (GRecord r = s.head; r != null; r = r.next) out.add(r);
            }
        }
        return out;
    }

    int size() {
        int n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                n += s.size;
            }
        }
        return n;
    }
}
