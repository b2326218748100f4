package go4j.time;

import java.util.Arrays;

/**
 * A 4-ary min-heap of {@link RuntimeTimer}s ordered by deadline, each entry knowing its index so
 * it can be removed in O(log n) when stopped (Go's timer heap is 4-ary too: shallower than a
 * binary heap, and the four children of a node share cache lines).
 *
 * <p>Not thread-safe: owned by one {@link Timers}, used under its lock. The array shrinks when it
 * is mostly empty, so a million timers added and then stopped release their memory.
 *
 * <p>Invariants ({@link #checkInvariants()}): {@code a[i].index == i} for {@code i < size};
 * {@code a[i] == null} for {@code i >= size}; no child is before its parent.
 */
final class TimerHeap {
    private static final int MIN_CAPACITY = 16;
    /** The heap; slots from size on are null so removed timers can be collected. */
    private RuntimeTimer[] a = new RuntimeTimer[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    int capacity() {
        return a.length;
    }

    /** The entry with the earliest deadline, or null. */
    RuntimeTimer peek() {
        return size == 0 ? null : a[0];
    }

    void add(RuntimeTimer t) {
        if (size == a.length) a = Arrays.copyOf(a, a.length * 2);
        a[size] = t;
        t.index = size;
        size++;
        siftUp(t.index);
    }

    /** Removes {@code t}, which must be in this heap. */
    void remove(RuntimeTimer t) {
        int i = t.index;
        int last = --size;
        if (i != last) {
            RuntimeTimer moved = a[last];
            a[i] = moved;
            moved.index = i;
            a[last] = null;
            // The moved entry may belong above or below its new place.
            if (!siftUp(i)) siftDown(i);
        } else {
            a[last] = null;
        }
        t.index = -1;
        if (a.length > MIN_CAPACITY && size < a.length / 4) a = Arrays.copyOf(a, a.length / 2);
    }

    /** Removes and returns the earliest entry, or null. */
    RuntimeTimer poll() {
        RuntimeTimer t = peek();
        if (t != null) remove(t);
        return t;
    }

    /** Moves a[i] up while it is before its parent; returns whether it moved. */
    private boolean siftUp(int i) {
        RuntimeTimer t = a[i];
        int start = i;
        while (i > 0) {
            int p = (i - 1) >>> 2;
            RuntimeTimer parent = a[p];
            if (!t.before(parent)) break;
            a[i] = parent;
            parent.index = i;
            i = p;
        }
        a[i] = t;
        t.index = i;
        return i != start;
    }

    /** Moves a[i] down while a child is before it. */
    private void siftDown(int i) {
        RuntimeTimer t = a[i];
        for (;;) {
            int c = 4 * i + 1;
            if (c >= size) break;
            int best = c;
            int end = Math.min(c + 4, size);
            for (int k = c + 1; k < end; k++) if (a[k].before(a[best])) best = k;
            if (!a[best].before(t)) break;
            a[i] = a[best];
            a[i].index = i;
            i = best;
        }
        a[i] = t;
        t.index = i;
    }

    /** Test hook: throws if an invariant is broken. */
    void checkInvariants() {
        for (int i = 0; i < a.length; i++) {
            if (i < size) {
                if (a[i] == null || a[i].index != i) throw new AssertionError("bad index at " + i);
                if (i > 0 && a[i].before(a[(i - 1) >>> 2])) throw new AssertionError("heap order at " + i);
            } else if (a[i] != null) {
                throw new AssertionError("stale slot " + i);
            }
        }
    }
}
