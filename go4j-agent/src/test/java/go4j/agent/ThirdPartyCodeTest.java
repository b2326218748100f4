package go4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real library's own code under the production rewrite (checkpoints, strip-mined counted loops,
 * sites): commons-compress's bzip2, LZ4 and Snappy codecs, defined from the library's jar through
 * the inserter, must write byte for byte what the untouched library writes, and read it back.
 */
@Timeout(120)
class ThirdPartyCodeTest {

    @Test
    void commonsCompressCodecsWriteTheSameBytesWhenInstrumented() throws Exception {
        CheckpointInserter inserter = CheckpointInserter.forGo(false, true);
        AtomicInteger classes = new AtomicInteger(), chunked = new AtomicInteger(), backEdges = new AtomicInteger();
        InstrumentingLoader loader = new InstrumentingLoader(bytes -> {
            CheckpointInserter.Result r = inserter.instrument(bytes);
            if (r == null) return bytes;
            classes.incrementAndGet();
            chunked.addAndGet(r.chunked());
            backEdges.addAndGet(r.backEdges());
            return r.classfile();
        }, "samples.", "org.apache.commons.compress.");
        Class<?> rewritten = loader.loadClass("samples.Compression");
        Method compress = rewritten.getMethod("compress", String.class, byte[].class);
        Method decompress = rewritten.getMethod("decompress", String.class, byte[].class);

        byte[] input = samples.Compression.input(1 << 20);
        assertThat((byte[]) rewritten.getMethod("input", int.class).invoke(null, 1 << 20)).isEqualTo(input);
        for (String codec : new String[] {"bzip2", "lz4", "snappy"}) {
            byte[] want = samples.Compression.compress(codec, input);
            byte[] got = (byte[]) compress.invoke(null, codec, input);
            assertThat(got).as(codec + " output").isEqualTo(want);
            assertThat(got.length).as(codec + " compresses").isLessThan(input.length / 2);
            assertThat((byte[]) decompress.invoke(null, codec, got)).as(codec + " round trip").isEqualTo(input);
        }
        assertThat(loader.defined.keySet()).as("the codecs' own classes went through the inserter")
                .contains("org.apache.commons.compress.compressors.bzip2.BlockSort",
                        "org.apache.commons.compress.compressors.lz4.BlockLZ4CompressorOutputStream");
        assertThat(chunked.get()).as("strip-mined loops in the library (of %d back-edges in %d classes)",
                backEdges.get(), classes.get()).isGreaterThan(10);
    }
}
