package samples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.snappy.FramedSnappyCompressorInputStream;
import org.apache.commons.compress.compressors.snappy.FramedSnappyCompressorOutputStream;

/**
 * commons-compress's pure-Java codecs (bzip2, framed LZ4, framed Snappy) on a given input: the
 * library's loops are the code under test, loaded through whatever loader defined this class.
 */
public final class Compression {
    private Compression() {}

    /** A compressible, deterministic input: words from a small vocabulary, a little noise. */
    public static byte[] input(int size) {
        String[] words = {"goroutine ", "channel ", "select ", "mutex ", "preempt ", "chunk ", "loop ", "\n"};
        byte[] out = new byte[size];
        long x = 0x9E3779B97F4A7C15L;
        int i = 0;
        while (i < size) {
            x ^= x << 13; x ^= x >>> 7; x ^= x << 17;
            byte[] w = words[(int) (x >>> 61)].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int k = 0; k < w.length && i < size; k++) out[i++] = (x & 0xF00) == 0 ? (byte) x : w[k];
        }
        return out;
    }

    /** Compressed with codec ("bzip2", "lz4", "snappy"). */
    public static byte[] compress(String codec, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (codec) {
            case "bzip2" -> new BZip2CompressorOutputStream(bytes);
            case "lz4" -> new FramedLZ4CompressorOutputStream(bytes);
            case "snappy" -> new FramedSnappyCompressorOutputStream(bytes);
            default -> throw new IllegalArgumentException(codec);
        }) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    public static byte[] decompress(String codec, byte[] data) throws IOException {
        InputStream raw = new ByteArrayInputStream(data);
        try (InputStream in = switch (codec) {
            case "bzip2" -> new BZip2CompressorInputStream(raw);
            case "lz4" -> new FramedLZ4CompressorInputStream(raw);
            case "snappy" -> new FramedSnappyCompressorInputStream(raw);
            default -> throw new IllegalArgumentException(codec);
        }) {
            return in.readAllBytes();
        }
    }
}
