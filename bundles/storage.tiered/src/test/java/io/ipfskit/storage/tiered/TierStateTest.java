package io.ipfskit.storage.tiered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.storage.TierStats;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A persistent cache tier keeps its eviction state and the heat of its blocks when it leaves and comes back. */
class TierStateTest {

    @TempDir
    Path repo;

    private final long[] now = {0};

    private static Cid raw(int i) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(block(i)));
    }

    private static byte[] block(int i) {
        return new byte[] {(byte) i, 1, 2, 3};
    }

    @Test
    void aCacheThatComesBackKeepsItsListsAndHeat() throws IOException {
        MapTier flat = new MapTier("flatfs", Long.MAX_VALUE, true);
        MapTier disk = new MapTier("disk", 3 * 4, false);
        TieredBlockstore store = Stores.open(repo, () -> now[0]);
        store.addTier(flat, Map.of("service.ranking", 100));
        store.addTier(disk, Map.of("service.ranking", 200));
        for (int i = 0; i < 3; i++) {
            store.put(raw(i), block(i));
        }
        store.get(raw(0));
        now[0] = 10_000;
        store.get(raw(0));

        store.removeTier(disk);
        assertTrue(Files.exists(repo.resolve("tiers").resolve("disk.state")));
        TieredBlockstore restarted = Stores.open(repo, () -> now[0]);
        restarted.addTier(flat, Map.of("service.ranking", 100));
        restarted.addTier(disk, Map.of("service.ranking", 200));
        assertFalse(Files.exists(repo.resolve("tiers").resolve("disk.state")), "used once, so a crash cannot reuse it");

        restarted.put(raw(3), block(3));
        assertTrue(disk.has(raw(0)), "the block read twice was in T2 and stays");
        assertFalse(disk.has(raw(1)), "the oldest once-seen block left");
        assertEquals(3, stats(restarted, "disk").items(), "the restored lists knew the cache was full");
    }

    @Test
    void blocksTheSavedStateDoesNotKnowAreCountedFromTheTier() throws IOException {
        MapTier flat = new MapTier("flatfs", Long.MAX_VALUE, true);
        MapTier disk = new MapTier("disk", 2 * 4, false);
        disk.put(raw(7), block(7));
        disk.put(raw(8), block(8));
        TieredBlockstore store = Stores.open(repo, () -> now[0]);
        store.addTier(flat, Map.of("service.ranking", 100));
        store.addTier(disk, Map.of("service.ranking", 200));
        store.put(raw(1), block(1));
        assertEquals(2, disk.blocks.size(), "room was made for the new block: the cache was known to be full");
        assertTrue(disk.has(raw(1)));
    }

    private static TierStats stats(TieredBlockstore store, String tier) {
        return store.tierStats().stream().filter(s -> s.tier().equals(tier)).findFirst().orElseThrow();
    }
}
