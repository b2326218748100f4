package samples;

/**
 * Methods for the entry-checkpoint tests: a constructor, two plain methods, a generic
 * {@code compareTo} (javac adds a bridge {@code compareTo(Object)}) and a static initialiser.
 * With entry checkpoints on: 4 entries (the constructor, {@code a}, {@code b},
 * {@code compareTo(Entries)}), none in the bridge or {@code <clinit>}.
 */
public class Entries implements Comparable<Entries> {
    static int created;

    static {
        created = 0;
    }

    final int value;

    public Entries(int value) {
        this.value = value;
        created++;
    }

    public int a() {
        return value + 1;
    }

    public int b() {
        return a() * 2;
    }

    @Override
    public int compareTo(Entries other) {
        return Integer.compare(value, other.value);
    }
}
