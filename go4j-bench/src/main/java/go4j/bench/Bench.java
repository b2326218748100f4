package go4j.bench;

/** The JVM flag every forked benchmark JVM needs: it opens the JDK's virtual-thread scheduler hook to go4j. */
final class Bench {
    private Bench() {}

    /** For {@code @Fork(jvmArgsAppend = ...)}. */
    static final String ADD_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";
}
