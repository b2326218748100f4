package go4j.context;

import java.lang.reflect.Method;

/**
 * A context carrying one key-value pair (Go's valueCtx); everything else is its parent's.
 * Lookups walk the parent chain ({@link Context#value}). Immutable.
 */
final class ValueContext extends Context {
    /** The key; never null. Immutable. */
    final Context.Key<?> key;
    /** The value; may be null. Immutable. */
    final Object val;
    /** The parent's canceler, cached so err/done/deadline do not walk the value chain. */
    private final CancelableContext canceler;

    ValueContext(Context parent, Context.Key<?> key, Object val) {
        super(parent);
        this.key = key;
        this.val = val;
        this.canceler = parent.canceler();
    }

    @Override
    CancelableContext canceler() {
        return canceler;
    }

    @Override
    public String toString() {
        return parent + ".WithValue(" + key + ", " + show(val) + ")";
    }

    /**
     * Go's stringify: strings and values whose type has its own string form are shown; anything
     * else only by type name, so printing a context does not reveal values that were not meant
     * to be printed.
     */
    private static String show(Object v) {
        if (v == null) return "<nil>";
        if (v instanceof String s) return s;
        try {
            Method m = v.getClass().getMethod("toString");
            if (m.getDeclaringClass() != Object.class) return v.toString();
        } catch (NoSuchMethodException impossible) {
            // every class has toString
        }
        return v.getClass().getName();
    }
}
