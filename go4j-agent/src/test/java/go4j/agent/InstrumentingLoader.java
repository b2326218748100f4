package go4j.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A fresh class loader for tests: it defines every class of the {@code samples} package (and of
 * any other package prefixes given) itself, from the test class path's bytes passed through a
 * rewrite, and delegates everything else. A
 * class defined here is verified by the JVM (stack maps included) when it links.
 */
final class InstrumentingLoader extends ClassLoader {
    private final UnaryOperator<byte[]> rewrite;
    /** What was defined, by binary name: the rewritten bytes, for inspection. */
    final Map<String, byte[]> defined = new ConcurrentHashMap<>();
    /** Binary-name prefixes of the classes defined here. */
    private final String[] prefixes;

    InstrumentingLoader(UnaryOperator<byte[]> rewrite) {
        this(rewrite, "samples.");
    }

    InstrumentingLoader(UnaryOperator<byte[]> rewrite, String... prefixes) {
        super("instrumenting", InstrumentingLoader.class.getClassLoader());
        this.rewrite = rewrite;
        this.prefixes = prefixes;
    }

    private boolean ours(String name) {
        for (String p : prefixes) if (name.startsWith(p)) return true;
        return false;
    }

    /** A loader that instruments with {@code inserter}, keeping classes it leaves alone as they are. */
    static InstrumentingLoader with(CheckpointInserter inserter) {
        return new InstrumentingLoader(bytes -> {
            CheckpointInserter.Result r = inserter.instrument(bytes);
            return r == null ? bytes : r.classfile();
        });
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!ours(name)) return super.loadClass(name, resolve);
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] bytes = rewrite.apply(originalBytes(name));
                defined.put(name, bytes);
                c = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) resolveClass(c);
            return c;
        }
    }

    /** The class file of {@code name} as javac wrote it. */
    static byte[] originalBytes(String name) {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = InstrumentingLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no class file for " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
