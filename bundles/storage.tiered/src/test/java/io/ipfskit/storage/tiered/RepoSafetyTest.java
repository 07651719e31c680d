package io.ipfskit.storage.tiered;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.storage.GcLock;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinned;
import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.unixfs.Exporter;
import io.ipfskit.unixfs.ImportOptions;
import io.ipfskit.unixfs.Importer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-path invariants: acknowledged writes are durable, GC never runs inside a held write, pins are by multihash. */
class RepoSafetyTest {

    @TempDir
    Path repo;

    private final MapTier memory = new MapTier("memory", 1 << 20, false);
    private final MapTier flat = new MapTier("flatfs", Long.MAX_VALUE, true);
    private TieredBlockstore store;

    @BeforeEach
    void open() throws IOException {
        store = Stores.open(repo, () -> 0, Duration.ofMillis(20));
        store.addTier(memory, Map.of("service.ranking", 300));
        store.addTier(flat, Map.of("service.ranking", 100));
    }

    private static byte[] bytes(int seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static Cid raw(byte[] data) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(data));
    }

    private Cid importFile(byte[] file, int chunk, int cidVersion) throws IOException {
        return new Importer(ImportOptions.of(cidVersion, null, "size-" + chunk, false), store::put)
                .file(new ByteArrayInputStream(file)).cid();
    }

    @Test
    void withoutADurableTierNothingIsStoredAndNothingPinned() throws IOException {
        store.removeTier(flat);
        byte[] data = bytes(1, 100);
        IOException refused = assertThrows(IOException.class, () -> store.put(raw(data), data));
        assertTrue(refused.getMessage().startsWith("no durable storage tier is running"), refused.getMessage());
        assertTrue(memory.blocks.isEmpty(), "not even cached");
        memory.put(raw(data), data);
        assertThrows(IOException.class, () -> store.pin(raw(data), PinType.DIRECT));
        assertEquals(Map.of(), store.pins());
    }

    @Test
    void aDurableTierStoppedInTheMiddleOfAnAddFailsTheAdd() throws IOException {
        AtomicInteger puts = new AtomicInteger();
        Importer importer = new Importer(ImportOptions.of(0, null, "size-100", false), (cid, block) -> {
            if (puts.incrementAndGet() == 5) {
                store.removeTier(flat);
            }
            store.put(cid, block);
        });
        assertThrows(IOException.class, () -> importer.file(new ByteArrayInputStream(bytes(2, 1000))));
        assertEquals(4, flat.blocks.size(), "what was acknowledged before is durable");
    }

    @Test
    void pinningMakesEveryBlockDurable() throws IOException {
        Cid root = importFile(bytes(3, 1000), 100, 0);
        MapTier replacement = new MapTier("flatfs2", Long.MAX_VALUE, true);
        store.removeTier(flat);
        store.addTier(replacement, Map.of("service.ranking", 100));
        assertFalse(replacement.has(root));
        store.pin(root, PinType.RECURSIVE);
        assertEquals(11, replacement.blocks.size(), "the root and its ten leaves were copied from the cache");
        assertEquals(List.of(), store.verifyPins());
    }

    @Test
    void aPinReadsWhatTheStoreLacksAndChecksIt() throws IOException {
        Cid root = importFile(bytes(15, 1000), 100, 0);
        Map<Cid, byte[]> elsewhere = new java.util.HashMap<>();
        for (Cid key : List.copyOf(DagPb.decode(store.get(root).orElseThrow()).links().stream().map(l -> l.hash()).toList())) {
            elsewhere.put(key, store.get(key).orElseThrow());
            store.delete(key);
        }
        IOException forged = assertThrows(IOException.class, () -> store.pin(root, PinType.RECURSIVE,
                cid -> Optional.ofNullable(elsewhere.get(cid)).map(b -> new byte[] {1})));
        assertTrue(forged.getMessage().contains("does not match its CID"), forged.getMessage());
        assertEquals(Map.of(), store.pins());
        store.pin(root, PinType.RECURSIVE, cid -> Optional.ofNullable(elsewhere.get(cid)));
        assertEquals(11, flat.blocks.size(), "the blocks read elsewhere were made durable");
        assertEquals(List.of(), store.verifyPins());
    }

    @Test
    void verifyNamesPinnedBlocksThatAreNotDurable() throws IOException {
        Cid root = importFile(bytes(4, 300), 100, 0);
        store.pin(root, PinType.RECURSIVE);
        Cid leaf = DagPb.decode(flat.get(root).orElseThrow()).links().get(0).hash();
        flat.remove(leaf);
        List<String> problems = store.verifyPins();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains(leaf + " of the DAG pinned at " + root), problems.get(0));
    }

    @Test
    void gcNeverRunsInsideAHeldWrite() throws Exception {
        byte[] file = bytes(5, 200_000);
        AtomicBoolean importing = new AtomicBoolean(true);
        AtomicInteger refused = new AtomicInteger();
        CompletableFuture<Integer> collector = CompletableFuture.supplyAsync(() -> {
            int removed = 0;
            while (importing.get()) {
                try {
                    removed += store.gc().blocksRemoved();
                } catch (IOException busy) {
                    refused.incrementAndGet();
                }
            }
            return removed;
        });
        Cid root;
        try (GcLock hold = store.gcLock()) {
            while (refused.get() == 0) {
                Thread.onSpinWait();
            }
            root = importFile(file, 1000, 1);
            store.pin(root, PinType.RECURSIVE);
        } finally {
            importing.set(false);
        }
        assertEquals(0, collector.get(30, TimeUnit.SECONDS), "nothing was collected");
        assertTrue(refused.get() > 0, "collections were attempted during the write");
        assertArrayEquals(file, new Exporter(store::get).cat(root, 0, -1).readAllBytes());
        assertEquals(0, store.gc().blocksRemoved(), "all of it is pinned");
    }

    @Test
    void gcWaitsForAPutInProgress() throws Exception {
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        MapTier slow = new MapTier("slow", Long.MAX_VALUE, true) {
            @Override
            public boolean put(Cid cid, byte[] data) {
                inside.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.put(cid, data);
            }
        };
        store.removeTier(flat);
        store.addTier(slow, Map.of("service.ranking", 100));
        byte[] data = bytes(14, 10);
        CompletableFuture<Void> put = CompletableFuture.runAsync(() -> {
            try {
                store.put(raw(data), data);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        assertThrows(IOException.class, () -> store.gc(), "no collection while a put is half done");
        release.countDown();
        put.get(30, TimeUnit.SECONDS);
        assertTrue(slow.has(raw(data)) && memory.has(raw(data)));
    }

    @Test
    void aPinnedRootCannotBeRemovedUnderAnyCidOfItsMultihash() throws IOException {
        Cid root = importFile(bytes(6, 300), 100, 0);
        store.pin(root, PinType.RECURSIVE);
        for (Cid form : List.of(root, Cid.v1(Multicodec.DAG_PB, root.multihash()), Cid.v1(Multicodec.RAW, root.multihash()))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> store.delete(form));
            assertEquals("pinned: recursive", refused.getMessage());
        }
        assertTrue(flat.has(root));
        assertTrue(store.unpin(Cid.v1(Multicodec.DAG_PB, root.multihash())), "unpinned by another CID of it");
        assertTrue(store.delete(root));
    }

    @Test
    void aChildOfARecursivePinCannotBeRemoved() throws IOException {
        Cid root = importFile(bytes(7, 300), 100, 0);
        store.pin(root, PinType.RECURSIVE);
        Cid leaf = DagPb.decode(store.get(root).orElseThrow()).links().get(2).hash();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> store.delete(leaf));
        assertEquals("pinned via " + root, refused.getMessage());
        assertEquals(Optional.of(new Pinned(PinType.INDIRECT, root)), store.pinned(leaf));
        assertTrue(flat.has(leaf));
    }

    @Test
    void aRecursivePinOfDagCborProtectsWhatItLinksTo() throws IOException {
        byte[] leafData = bytes(8, 50);
        store.put(raw(leafData), leafData);
        byte[] link = raw(leafData).bytes();
        ByteArrayOutputStream cbor = new ByteArrayOutputStream();
        cbor.writeBytes(HexFormat.of().parseHex("a16161d82a58" + String.format("%02x", link.length + 1) + "00"));
        cbor.writeBytes(link);
        byte[] node = cbor.toByteArray();
        Cid root = Cid.v1(Multicodec.DAG_CBOR, Multihash.sha256(node));
        store.put(root, node);
        store.pin(root, PinType.RECURSIVE);
        assertEquals(0, store.gc().blocksRemoved());
        assertTrue(store.has(raw(leafData)));
        assertThrows(IllegalStateException.class, () -> store.delete(raw(leafData)));
    }

    @Test
    void aCodecNobodyCanWalkFailsPinsAndGcRatherThanLosingBlocks() throws IOException {
        Cid root = importFile(bytes(9, 300), 100, 0);
        store.pin(root, PinType.RECURSIVE);
        byte[] loose = bytes(10, 10);
        store.put(raw(loose), loose);
        store.removeWalker(Stores.DAG_PB);
        IOException gcRefused = assertThrows(IOException.class, () -> store.gc());
        assertTrue(gcRefused.getMessage().contains("no link walker for codec dag-pb"), gcRefused.getMessage());
        assertTrue(store.has(raw(loose)), "nothing was collected");
        Cid other = importFile(bytes(11, 300), 100, 0);
        assertThrows(IOException.class, () -> store.pin(other, PinType.RECURSIVE));
    }

    @Test
    void pinsListRootsThenIndirectBlocksAndRefuseDirectOverRecursive() throws IOException {
        Cid root = importFile(bytes(12, 300), 100, 0);
        store.pin(root, PinType.RECURSIVE);
        byte[] single = bytes(13, 10);
        store.put(raw(single), single);
        store.pin(raw(single), PinType.DIRECT);
        Map<Cid, PinType> all = new LinkedHashMap<>();
        store.forEachPinned(null, all::put);
        assertEquals(5, all.size(), "two roots and three indirect leaves");
        assertEquals(PinType.RECURSIVE, all.get(root));
        assertEquals(3, all.values().stream().filter(type -> type == PinType.INDIRECT).count());
        Map<Cid, PinType> indirect = new LinkedHashMap<>();
        store.forEachPinned(PinType.INDIRECT, indirect::put);
        assertEquals(3, indirect.size());
        assertThrows(IllegalStateException.class, () -> store.pin(root, PinType.DIRECT));
    }
}
