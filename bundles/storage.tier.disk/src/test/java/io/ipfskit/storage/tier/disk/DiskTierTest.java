package io.ipfskit.storage.tier.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.storage.TierStats;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskTierTest {

    @TempDir
    Path dir;

    private static byte[] block(int seed, int size) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) seed);
        return data;
    }

    private static Cid raw(int seed, int size) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(block(seed, size)));
    }

    @Test
    void keepsBlocksAcrossRestarts() {
        DiskTier tier = DiskTier.open(dir, 16L * 1024 * 1024);
        assertTrue(tier.put(raw(1, 1000), block(1, 1000)));
        tier.deactivate();
        DiskTier reopened = DiskTier.open(dir, 16L * 1024 * 1024);
        try {
            assertEquals(new TierStats("disk", 0, 0, 1000, 1, 0, 0, 0), reopened.stats());
            assertArrayEquals(block(1, 1000), reopened.get(raw(1, 1000)).orElseThrow());
        } finally {
            reopened.deactivate();
        }
    }

    @Test
    void removesWhatItHolds() {
        DiskTier tier = DiskTier.open(dir, 16L * 1024 * 1024);
        try {
            assertTrue(tier.put(raw(1, 1000), block(1, 1000)));
            assertTrue(tier.remove(raw(1, 1000)), "a disk store hands out copies; removal must not compare them");
            assertFalse(tier.has(raw(1, 1000)));
            assertEquals(0, tier.stats().items());
            assertFalse(tier.remove(raw(1, 1000)));
        } finally {
            tier.deactivate();
        }
    }

    @Test
    void refusesWhatWouldNotFitAndNeverEvictsOnItsOwn() {
        DiskTier tier = DiskTier.open(dir, 2L * 1024 * 1024);
        try {
            int accepted = 0;
            for (int i = 0; i < 64; i++) {
                accepted += tier.put(raw(i, 128 * 1024), block(i, 128 * 1024)) ? 1 : 0;
            }
            TierStats stats = tier.stats();
            assertEquals(15, accepted, "16 blocks of 128 KiB and their overhead exceed 2 MiB");
            assertEquals(15, stats.items());
            assertEquals(0, stats.evictions(), "the blockstore's policy is the only eviction authority");
            assertTrue(stats.bytes() + 15L * DiskTier.ENTRY_OVERHEAD <= 2L * 1024 * 1024, stats.toString());
            assertTrue(tier.has(raw(0, 128 * 1024)), "the first blocks are still there");
        } finally {
            tier.deactivate();
        }
    }
}
