package io.ipfskit.unixfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

class DagPbFuzzTest {

    /** Strict decoding accepts only the canonical form: whatever decodes re-encodes to the same bytes. */
    @FuzzTest(maxDuration = "30s")
    void decode(byte[] data) {
        PbNode node;
        try {
            node = DagPb.decode(data);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        assertArrayEquals(data, DagPb.encode(node));
        if (node.data() != null) {
            try {
                UnixfsData.decode(node.data());
            } catch (IllegalArgumentException rejected) {
                // malformed UnixFS data is a clean rejection
            }
        }
    }
}
