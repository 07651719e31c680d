package io.ipfskit.storage.tiered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.metrics.Meter;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.testing.MemoryMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TierMetersTest {

    @TempDir
    Path repo;

    private final long[] now = {0};
    private final MapTier memory = new MapTier("memory", 8, false);
    private final MapTier flat = new MapTier("flatfs", Long.MAX_VALUE, true);
    private final MemoryMetrics metrics = new MemoryMetrics();

    @Test
    void hitsMissesPromotionsAndHoldingsMoveAndATiersMetersFollowIt() throws Exception {
        TieredBlockstore store = Stores.open(repo, () -> now[0]);
        store.addTier(flat, Map.of("service.ranking", 100));
        TierMeters meters = new TierMeters(store);
        meters.addTier(flat);
        List<Meter> bound = meters.bind(metrics);
        store.addTier(memory, Map.of("service.ranking", 300));
        meters.addTier(memory);

        byte[] hot = {1, 2, 3};
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(hot));
        flat.put(cid, hot);
        store.get(cid);
        now[0] = 30_000;
        store.get(cid);
        assertEquals(1, metrics.value("ipfskit.tier.promotions", "tier", "memory"), "two reads in a minute promote");
        store.get(cid);
        assertEquals(1, metrics.value("ipfskit.tier.hits", "tier", "memory"));
        assertEquals(2, metrics.value("ipfskit.tier.misses", "tier", "memory"));
        assertEquals(1, metrics.value("ipfskit.tier.items", "tier", "memory"));
        assertTrue(metrics.value("ipfskit.tier.bytes", "tier", "flatfs") >= hot.length);

        meters.removeTier(memory);
        assertTrue(Double.isNaN(metrics.value("ipfskit.tier.hits", "tier", "memory")), "the tier's meters left with it");
        bound.forEach(Meter::close);
        assertEquals(0, metrics.size());
    }
}
