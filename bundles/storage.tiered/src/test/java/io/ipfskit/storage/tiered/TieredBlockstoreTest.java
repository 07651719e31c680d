package io.ipfskit.storage.tiered;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.storage.GcResult;
import io.ipfskit.api.storage.InvalidBlockException;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.TierStats;
import io.ipfskit.api.storage.VerifiedBlock;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.unixfs.Exporter;
import io.ipfskit.unixfs.ImportOptions;
import io.ipfskit.unixfs.Importer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TieredBlockstoreTest {

    @TempDir
    Path repo;

    private final long[] now = {0};
    private final MapTier memory = new MapTier("memory", 8, false);
    private final MapTier disk = new MapTier("disk", 12, false);
    private final MapTier flat = new MapTier("flatfs", Long.MAX_VALUE, true);
    private TieredBlockstore store;

    @BeforeEach
    void open() throws IOException {
        store = Stores.open(repo, () -> now[0]);
        store.addTier(flat, Map.of("service.ranking", 100));
        store.addTier(memory, Map.of("service.ranking", 300));
        store.addTier(disk, Map.of("service.ranking", 200));
    }

    private static Cid raw(byte[] data) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(data));
    }

    private static byte[] block(int seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private TierStats stats(String tier) {
        return store.tierStats().stream().filter(s -> s.tier().equals(tier)).findFirst().orElseThrow();
    }

    @Test
    void rejectsBlocksThatDoNotMatchTheirCid() {
        Cid cid = raw(new byte[] {1});
        assertThrows(InvalidBlockException.class, () -> store.put(cid, new byte[] {2}));
        assertTrue(flat.blocks.isEmpty() && memory.blocks.isEmpty());
    }

    @Test
    void storesAVerifiedBlockAsMadeAndStillRefusesAWrongOneGivenWithItsClaimedCid() throws IOException {
        byte[] data = block(2, 4);
        VerifiedBlock made = VerifiedBlock.hash(1, Multicodec.RAW, data);
        store.put(made);
        assertArrayEquals(data, flat.blocks.get(made.cid().multihash()));
        assertArrayEquals(data, store.get(made.cid()).orElseThrow());
        byte[] wrong = block(3, 4);
        assertThrows(InvalidBlockException.class, () -> store.put(made.cid(), wrong));
        assertArrayEquals(data, store.get(made.cid()).orElseThrow(), "the stored block is unchanged");
    }

    @Test
    void writesThroughToTheDurableTierAndCachesInTheFastest() throws IOException {
        byte[] data = block(1, 4);
        store.put(raw(data), data);
        assertTrue(flat.has(raw(data)) && memory.has(raw(data)) && !disk.has(raw(data)));
        assertArrayEquals(data, store.get(raw(data)).orElseThrow());
        assertEquals(1, stats("memory").hits());
        assertEquals(List.of("memory", "disk", "flatfs"), store.tierStats().stream().map(TierStats::tier).toList());
    }

    @Test
    void withoutCachedWritesABlockEntersACacheTierOnlyOnceReadHot() throws IOException {
        TieredBlockstore uncached = Stores.open(repo.resolve("uncached"), () -> now[0], Duration.ofSeconds(1), false);
        MapTier cache = new MapTier("memory", 8, false);
        MapTier durable = new MapTier("flatfs", Long.MAX_VALUE, true);
        uncached.addTier(durable, Map.of("service.ranking", 100));
        uncached.addTier(cache, Map.of("service.ranking", 300));
        byte[] data = block(1, 4);
        uncached.put(raw(data), data);
        assertTrue(durable.has(raw(data)));
        assertFalse(cache.has(raw(data)), "a written block is not cached");
        assertArrayEquals(data, uncached.get(raw(data)).orElseThrow());
        assertFalse(cache.has(raw(data)), "read once: not hot yet");
        assertArrayEquals(data, uncached.get(raw(data)).orElseThrow());
        assertTrue(cache.has(raw(data)), "read twice within a minute: promoted");
    }

    @Test
    void evictsUnderSizePressureKeepingTheDurableCopy() throws IOException {
        byte[] a = block(1, 4);
        byte[] b = block(2, 4);
        byte[] c = block(3, 4);
        store.put(raw(a), a);
        store.put(raw(b), b);
        store.get(raw(a));
        store.put(raw(c), c);
        assertTrue(memory.has(raw(a)) && !memory.has(raw(b)) && memory.has(raw(c)), "the once-seen block left");
        assertEquals(1, stats("memory").evictions());
        assertTrue(!disk.has(raw(b)) && flat.has(raw(b)), "a cold victim just leaves: the durable tier has it");
        assertEquals(0, stats("disk").demotions());
        assertArrayEquals(b, store.get(raw(b)).orElseThrow());
    }

    @Test
    void aWarmVictimMovesDownIntoTheDiskCache() throws IOException {
        byte[] a = block(1, 4);
        byte[] b = block(2, 4);
        byte[] c = block(3, 4);
        putAndReadTwice(a);
        putAndReadTwice(b);
        store.put(raw(c), c);
        assertTrue(!memory.has(raw(a)) && disk.has(raw(a)), "read twice in its first minute: warm enough to keep");
        assertEquals(1, stats("disk").demotions());
    }

    @Test
    void demotesOnlyVictimsTheNextCacheDoesNotHold() throws IOException {
        byte[] a = block(1, 4);
        byte[] b = block(2, 4);
        byte[] c = block(3, 4);
        disk.put(raw(a), a);
        putAndReadTwice(a);
        putAndReadTwice(b);
        store.put(raw(c), c);
        assertTrue(disk.has(raw(a)) && !memory.has(raw(a)));
        assertEquals(0, stats("disk").demotions(), "the disk cache held it already");
        assertArrayEquals(a, store.get(raw(a)).orElseThrow());
    }

    private void putAndReadTwice(byte[] data) throws IOException {
        store.put(raw(data), data);
        store.get(raw(data));
        store.get(raw(data));
    }

    @Test
    void promotesBlocksWhoseHeatCrossesTheThreshold() throws IOException {
        byte[] hot = block(9, 6);
        flat.put(raw(hot), hot);
        store.get(raw(hot));
        assertFalse(memory.has(raw(hot)), "one read in a minute is heat 1");
        now[0] = 30_000;
        store.get(raw(hot));
        assertTrue(memory.has(raw(hot)), "two reads in a minute reach 2.0");
        assertEquals(1, stats("memory").promotions());
        store.get(raw(hot));
        assertEquals(1, stats("memory").hits());
    }

    @Test
    void aStoppedTierLosesNoDurableContent() throws IOException {
        byte[] data = block(5, 4);
        store.put(raw(data), data);
        store.removeTier(memory);
        assertArrayEquals(data, store.get(raw(data)).orElseThrow());
        assertEquals(2, store.tierStats().size());
    }

    @Test
    void aFailingCacheTierNeitherFailsPutsNorReads() throws IOException {
        MapTier closed = new MapTier("closed", 100, false) {
            @Override
            public synchronized Optional<byte[]> get(Cid cid) {
                throw new IllegalStateException("cache closed");
            }

            @Override
            public synchronized boolean put(Cid cid, byte[] data) {
                throw new IllegalStateException("cache closed");
            }
        };
        store.removeTier(memory);
        store.addTier(closed, Map.of("service.ranking", 400));
        byte[] data = block(6, 4);
        store.put(raw(data), data);
        assertArrayEquals(data, store.get(raw(data)).orElseThrow());
        assertTrue(disk.has(raw(data)), "cached in the next tier instead");
    }

    @Test
    void gcKeepsPinnedDagsAndRemovesTheRest() throws IOException {
        MapTier big = new MapTier("flatfs", Long.MAX_VALUE, true);
        TieredBlockstore blocks = Stores.open(repo.resolve("other"), () -> 0);
        blocks.addTier(big, Map.of("service.ranking", 100));
        byte[] file = block(7, 5000);
        Cid root = new Importer(ImportOptions.of(0, null, "size-1000", false), blocks::put)
                .file(new ByteArrayInputStream(file)).cid();
        byte[] loose = block(8, 10);
        blocks.put(raw(loose), loose);
        byte[] direct = block(9, 10);
        blocks.put(raw(direct), direct);
        blocks.pin(root, PinType.RECURSIVE);
        blocks.pin(raw(direct), PinType.DIRECT);
        assertEquals(8, blocks.stat().numObjects());

        assertEquals(new GcResult(List.of(raw(loose).multihash()), 10), blocks.gc());
        assertFalse(blocks.has(raw(loose)));
        assertArrayEquals(file, new Exporter(blocks::get).cat(root, 0, -1).readAllBytes());
        assertThrows(IllegalStateException.class, () -> blocks.delete(root));
        assertEquals(Map.of(root, PinType.RECURSIVE, raw(direct), PinType.DIRECT),
                new PinStore(repo.resolve("other").resolve("pins")).all(), "pins survive a restart");

        assertTrue(blocks.unpin(root));
        assertEquals(6, blocks.gc().blocksRemoved(), "five leaves and their root");
        assertEquals(1, blocks.stat().numObjects());
    }

    @Test
    void aPinOfADagTheCallerStoredIsRecordedWithoutReadingItAndKeepsItFromGc() throws IOException {
        MapTier big = new MapTier("flatfs", Long.MAX_VALUE, true);
        TieredBlockstore blocks = Stores.open(repo.resolve("stored"), () -> 0);
        blocks.addTier(big, Map.of("service.ranking", 100));
        byte[] file = block(10, 5000);
        Cid root = new Importer(ImportOptions.of(0, null, "size-1000", false), blocks::put)
                .file(new ByteArrayInputStream(file)).cid();
        long reads = big.stats().hits() + big.stats().misses();
        blocks.pinStored(root, PinType.RECURSIVE);
        assertEquals(reads, big.stats().hits() + big.stats().misses(), "no block read back");
        assertEquals(Map.of(root, PinType.RECURSIVE), blocks.pins());
        assertEquals(0, blocks.gc().blocksRemoved(), "the DAG is pinned");
        assertThrows(IllegalStateException.class, () -> blocks.pinStored(root, PinType.DIRECT));
        assertThrows(IllegalArgumentException.class, () -> blocks.pinStored(root, PinType.INDIRECT));
        Cid neverStored = raw(block(11, 10));
        assertThrows(NoSuchElementException.class, () -> blocks.pinStored(neverStored, PinType.RECURSIVE));
        assertEquals(Map.of(root, PinType.RECURSIVE), blocks.pins(), "a root not stored is not pinned");
    }

    @Test
    void recursivePinNeedsTheWholeDag() throws IOException {
        Cid root = new Importer(ImportOptions.of(0, null, "size-10", false), store::put)
                .file(new ByteArrayInputStream(block(3, 30))).cid();
        Cid leaf = io.ipfskit.codec.dagpb.DagPb.decode(store.get(root).orElseThrow()).links().get(1).hash();
        store.delete(leaf);
        assertThrows(NoSuchElementException.class, () -> store.pin(root, PinType.RECURSIVE));
        assertEquals(Map.of(), store.pins());
    }
}
