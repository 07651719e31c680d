package io.ipfskit.storage.tiered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Multihash;
import org.junit.jupiter.api.Test;

class HeatTableTest {

    private static Multihash key(int i) {
        return Multihash.sha256(new byte[] {(byte) i, (byte) (i >> 8)});
    }

    @Test
    void staysWithinItsBytesForgettingTheLeastRecentlyTouched() {
        HeatTable table = new HeatTable(10L * HeatTable.ENTRY_BYTES);
        for (int i = 0; i < 10; i++) {
            table.touch(key(i), 0);
        }
        table.touch(key(0), 1);
        for (int i = 10; i < 1000; i++) {
            table.touch(key(i), 2);
            assertTrue(table.bytes() <= 10L * HeatTable.ENTRY_BYTES, "bounded at every step");
        }
        assertEquals(10, table.size());
        assertNull(table.get(key(1)));
        assertNotNull(table.get(key(999)));
    }

    @Test
    void keepsAccessCountsAndForgets() {
        HeatTable table = new HeatTable(1 << 20);
        table.touch(key(1), 0).access(0);
        table.touch(key(1), 30_000).access(30_000);
        assertEquals(2.0, table.heat(key(1), 30_000), 1e-9);
        table.forget(key(1));
        assertEquals(0.0, table.heat(key(1), 30_000));
        assertEquals(0, table.bytes());
    }
}
