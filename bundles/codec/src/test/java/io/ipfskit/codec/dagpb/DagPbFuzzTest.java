package io.ipfskit.codec.dagpb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ipfskit.codec.internal.DagPbLinks;

class DagPbFuzzTest {

    /** Strict decoding accepts only the canonical form: whatever decodes re-encodes to the same bytes, and walks. */
    @FuzzTest(maxDuration = "30s")
    void decode(byte[] data) throws Exception {
        PbNode node;
        try {
            node = DagPb.decode(data);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        assertArrayEquals(data, DagPb.encode(node));
        new DagPbLinks().links(data, link -> { });
    }
}
