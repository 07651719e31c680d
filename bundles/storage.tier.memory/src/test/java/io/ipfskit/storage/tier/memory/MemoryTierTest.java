package io.ipfskit.storage.tier.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.storage.TierStats;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ehcache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryTierTest {

    private MemoryTier tier;

    private static MemoryTierConfig config(long maxBytes) {
        return new MemoryTierConfig() {
            @Override
            public long maxBytes() {
                return maxBytes;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return MemoryTierConfig.class;
            }
        };
    }

    private static Cid raw(int seed, int size) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(block(seed, size)));
    }

    private static byte[] block(int seed, int size) {
        byte[] data = new byte[size];
        java.util.Arrays.fill(data, (byte) seed);
        return data;
    }

    @AfterEach
    void close() {
        tier.deactivate();
    }

    @Test
    void aSecondCopyOfEhcacheOnTheThreadsContextLoaderDoesNotBreakStartOrClose() throws Exception {
        URL ehcache = CacheManager.class.getProtectionDomain().getCodeSource().getLocation();
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader copy = new URLClassLoader(new URL[] {ehcache}, null)) {
            thread.setContextClassLoader(copy);
            tier = new MemoryTier(config(1 << 20));
            assertTrue(tier.put(raw(1, 100), block(1, 100)));
            tier.deactivate();
            tier = new MemoryTier(config(1 << 20));
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void storesCountsAndRemoves() {
        tier = new MemoryTier(config(1 << 20));
        assertTrue(tier.put(raw(1, 100), block(1, 100)));
        assertArrayEquals(block(1, 100), tier.get(raw(1, 100)).orElseThrow());
        assertEquals(Optional.empty(), tier.get(raw(2, 100)));
        assertEquals(new TierStats("memory", 1, 1, 100, 1, 0, 0, 0), tier.stats());
        List<Multihash> keys = new ArrayList<>();
        tier.forEach(keys::add);
        assertEquals(List.of(raw(1, 100).multihash()), keys);
        assertTrue(tier.remove(raw(1, 100)));
        assertFalse(tier.has(raw(1, 100)));
        assertEquals(0, tier.stats().bytes());
    }

    @Test
    void refusesWhatWouldNotFitAndNeverEvictsOnItsOwn() {
        tier = new MemoryTier(config(256 * 1024));
        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            accepted += tier.put(raw(i, 32 * 1024), block(i, 32 * 1024)) ? 1 : 0;
        }
        TierStats stats = tier.stats();
        assertEquals(7, accepted, "8 blocks of 32 KiB and their overhead exceed 256 KiB");
        assertEquals(0, stats.evictions(), "the blockstore's policy is the only eviction authority");
        assertTrue(stats.bytes() + 7L * MemoryTier.ENTRY_OVERHEAD <= 256 * 1024, "bytes " + stats.bytes());
        assertFalse(tier.put(raw(99, 300 * 1024), block(99, 300 * 1024)), "a block larger than the tier is refused");
    }

    @Test
    void manyTinyBlocksAreBoundedByTheirOverheadToo() {
        tier = new MemoryTier(config(64 * 1024));
        int accepted = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] data = {(byte) i, (byte) (i >> 8)};
            accepted += tier.put(Cid.v1(Multicodec.RAW, Multihash.sha256(data)), data) ? 1 : 0;
        }
        assertEquals(64 * 1024 / (MemoryTier.ENTRY_OVERHEAD + 2), accepted);
        assertEquals(0, tier.stats().evictions());
    }
}
