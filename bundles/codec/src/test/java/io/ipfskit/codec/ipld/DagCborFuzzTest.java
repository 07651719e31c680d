package io.ipfskit.codec.ipld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

class DagCborFuzzTest {

    /** Whatever decodes is in the data model: it encodes canonically, in dag-json too, and reads back the same. */
    @FuzzTest(maxDuration = "30s")
    void decode(byte[] data) throws Exception {
        Object value;
        try {
            value = DagCbor.decode(data);
        } catch (IOException rejected) {
            return;
        }
        byte[] canonical = DagCbor.encode(value);
        assertArrayEquals(canonical, DagCbor.encode(DagCbor.decode(canonical)));
        byte[] json = DagJson.encode(value);
        assertArrayEquals(canonical, DagCbor.encode(DagJson.decode(json)));
    }
}
