package io.ipfskit.multiformats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Jazzer: any byte stream, split at any points, gives whole frames within the bound (4 MiB, Bitswap's and the DHT's)
 * holding no more bytes than arrived, or the reader's own exception; anything else is a finding. Without
 * JAZZER_FUZZ=1 only the seeds in src/test/resources/io/ipfskit/multiformats/LengthPrefixedFramesFuzzTestInputs/frames
 * replay (as in CI); to fuzz:
 * <pre>JAZZER_FUZZ=1 mvn -pl bundles/multiformats test -Dtest=LengthPrefixedFramesFuzzTest#frames</pre>
 */
class LengthPrefixedFramesFuzzTest {

    private static final int MAX = 4 * 1024 * 1024;

    @FuzzTest(maxDuration = "30s")
    void frames(byte[] input) {
        LengthPrefixedFrames<IOException> reader = new LengthPrefixedFrames<>(MAX, IOException::new);
        List<byte[]> frames = new ArrayList<>();
        int split = input.length == 0 ? 1 : 1 + (input[0] & 0x3f);
        try {
            for (int i = 0; i < input.length; i += split) {
                reader.feed(Arrays.copyOfRange(input, i, Math.min(input.length, i + split)), frames::add);
            }
        } catch (IOException expected) {
            return;
        }
        long total = 0;
        for (byte[] frame : frames) {
            assertTrue(frame.length <= MAX);
            total += frame.length;
        }
        assertTrue(total <= input.length, "frames hold more bytes than arrived");
    }
}
