package io.ipfskit.unixfs.car;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

class CarFuzzTest {

    /** Any input either reads cleanly or fails with an IOException; every block handed over matches its CID. */
    @FuzzTest(maxDuration = "30s")
    void read(byte[] data) {
        try {
            CarReader.read(new ByteArrayInputStream(data), (cid, block) -> assertTrue(cid.verify(block)));
        } catch (IOException rejected) {
            // truncated or corrupt input is a clean rejection
        }
    }
}
