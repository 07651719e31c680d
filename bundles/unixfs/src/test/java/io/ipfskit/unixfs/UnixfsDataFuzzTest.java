package io.ipfskit.unixfs;

import com.code_intelligence.jazzer.junit.FuzzTest;

class UnixfsDataFuzzTest {

    /** UnixFS Data decodes or is rejected with an IllegalArgumentException; nothing else escapes. */
    @FuzzTest(maxDuration = "30s")
    void decode(byte[] data) {
        try {
            UnixfsData.decode(data);
        } catch (IllegalArgumentException rejected) {
            // a clean rejection
        }
    }
}
