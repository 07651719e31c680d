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

    @Test
    void namesTheHottestFirstAndNoMoreThanAsked() {
        HeatTable table = new HeatTable(1 << 20);
        for (int i = 1; i <= 50; i++) {
            Heat heat = table.touch(key(i), 0);
            for (int reads = 0; reads < i; reads++) {
                heat.access(0);
            }
        }
        table.touch(key(0), 0);
        java.util.Map<Multihash, Double> hottest = table.hottest(3, 0);
        assertEquals(java.util.List.of(key(50), key(49), key(48)), java.util.List.copyOf(hottest.keySet()));
        assertEquals(50.0, hottest.get(key(50)), 1e-9);
        assertEquals(0, table.hottest(0, 0).size());
        assertTrue(table.hottest(100, 0).keySet().stream().noneMatch(key(0)::equals), "a block never read is not hot");
    }
}
