package workloads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * The loops {@code AgentLoopBench} measures, outside package {@code go4j} so that the
 * preemption agent instruments them as it would a user's code (it never touches {@code go4j.*}).
 */
public final class Kernels {
    private Kernels() {}

    /** c[i] = a[i] + b[i]: C2 vectorises it when nothing in the body stops it. */
    public static void add(int[] a, int[] b, int[] c) {
        for (int i = 0; i < a.length; i++) c[i] = a[i] + b[i];
    }

    /** An int[] sum, a reduction. */
    public static int sum(int[] a) {
        int s = 0;
        for (int i = 0; i < a.length; i++) s += a[i];
        return s;
    }

    /** n dependent xorshift steps: a scalar chain bound by latency. */
    public static long xorshift(long x, int n) {
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** commons-compress's bzip2 encoder (block sort, Huffman coding, CRC) on data; the compressed size. */
    public static int bzip2(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length);
        try (BZip2CompressorOutputStream out = new BZip2CompressorOutputStream(bytes, 1)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }

    /** A compressible, deterministic input: words from a small vocabulary, with some noise. */
    public static byte[] text(int size) {
        String[] words = {"goroutine ", "channel ", "select ", "mutex ", "preempt ", "chunk ", "loop ", "\n"};
        byte[] out = new byte[size];
        long x = 0x9E3779B97F4A7C15L;
        int i = 0;
        while (i < size) {
            x = xorshift(x, 1);
            String w = words[(int) (x >>> 61)];
            for (int k = 0; k < w.length() && i < size; k++) out[i++] = (x & 0xF00) == 0 ? (byte) x : (byte) w.charAt(k);
        }
        return out;
    }
}
