package io.ipfskit.dht.kad.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordStoreTest {

    private static final List<Multiaddr> ADDRESSES = List.of(Multiaddr.parse("/ip4/1.2.3.4/tcp/4001"));

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);

    private static PeerId peer() {
        return PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
    }

    private static byte[] key(int i) {
        return Multihash.sha256(("key " + i).getBytes()).bytes();
    }

    private RecordStore store(StoreLimits limits) throws IOException {
        return new RecordStore(limits, clock::get, null);
    }

    @Test
    void providersExpireAfter48HoursAndTheirAddressesAfter24() throws IOException {
        RecordStore store = store(StoreLimits.of(NodeRole.WORKER));
        PeerId p = peer();
        store.addProvider(key(1), p, ADDRESSES);
        clock.addAndGet(Duration.ofHours(23).toMillis());
        assertEquals(List.of(new RecordStore.Provider(p, ADDRESSES)), store.providers(key(1)));
        clock.addAndGet(Duration.ofHours(2).toMillis());
        assertEquals(List.of(new RecordStore.Provider(p, List.of())), store.providers(key(1)));
        clock.addAndGet(Duration.ofHours(24).toMillis());
        assertEquals(List.of(), store.providers(key(1)));
        store.sweep();
        assertEquals(0, store.providerRecords());
        assertEquals(0, store.bytes());
    }

    @Test
    void aRepublishedRecordLivesAnother48Hours() throws IOException {
        RecordStore store = store(StoreLimits.of(NodeRole.WORKER));
        PeerId p = peer();
        store.addProvider(key(1), p, ADDRESSES);
        clock.addAndGet(Duration.ofHours(22).toMillis());
        store.addProvider(key(1), p, ADDRESSES);
        clock.addAndGet(Duration.ofHours(47).toMillis());
        assertEquals(1, store.providers(key(1)).size());
        assertEquals(1, store.providerRecords());
    }

    @Test
    void valuesExpireAfter48Hours() throws Exception {
        RecordStore store = store(StoreLimits.of(NodeRole.WORKER));
        store.putValue("/pk/a".getBytes(), new byte[] {1}, peer());
        clock.addAndGet(Duration.ofHours(47).toMillis());
        assertArrayEquals(new byte[] {1}, store.value("/pk/a".getBytes()).orElseThrow().value());
        clock.addAndGet(Duration.ofHours(2).toMillis());
        assertTrue(store.value("/pk/a".getBytes()).isEmpty());
        store.sweep();
        assertEquals(0, store.bytes());
    }

    @Test
    void aKeyKeepsItsNewestProviders() throws IOException {
        RecordStore store = store(StoreLimits.of(NodeRole.WORKER).withBounds(3, 100, 10, 1024, 1 << 20));
        PeerId[] peers = {peer(), peer(), peer(), peer()};
        for (PeerId p : peers) {
            store.addProvider(key(1), p, ADDRESSES);
            clock.incrementAndGet();
        }
        List<PeerId> kept = store.providers(key(1)).stream().map(RecordStore.Provider::peer).toList();
        assertEquals(List.of(peers[3], peers[2], peers[1]), kept);
    }

    @Test
    void aPeerFloodingRandomKeysIsStoppedAtItsShare() throws IOException {
        RecordStore store = store(StoreLimits.of(NodeRole.WORKER).withBounds(20, 100, 10, 1024, 1 << 30));
        PeerId flooder = peer();
        for (int i = 0; i < 100; i++) {
            assertEquals(RecordStore.Added.STORED, store.addProvider(key(i), flooder, ADDRESSES));
        }
        for (int i = 100; i < 10_000; i++) {
            assertEquals(RecordStore.Added.PEER_FULL, store.addProvider(key(i), flooder, ADDRESSES));
        }
        assertEquals(RecordStore.Added.STORED, store.addProvider(key(5), flooder, ADDRESSES), "refreshing is allowed");
        assertEquals(RecordStore.Added.STORED, store.addProvider(key(200), peer(), ADDRESSES), "others are not affected");
        assertEquals(101, store.providerRecords());
    }

    @Test
    void nothingEntersOnceTheStoresBytesAreUsedUp() throws Exception {
        RecordStore store = store(StoreLimits.of(NodeRole.WORKER).withBounds(20, 1_000_000, 1000, 4096, 10_000));
        int stored = 0;
        while (store.addProvider(key(stored), peer(), ADDRESSES) == RecordStore.Added.STORED) {
            stored++;
        }
        assertTrue(stored > 10 && store.bytes() <= 10_000, stored + " records, " + store.bytes() + " bytes");
        assertThrows(InvalidRecordException.class, () -> store.putValue("/pk/x".getBytes(), new byte[4000], peer()));
    }

    @Test
    void oversizedValuesAndPeersOverTheirValueShareAreRefused() throws Exception {
        RecordStore store = store(StoreLimits.of(NodeRole.WORKER).withBounds(20, 100, 2, 1024, 1 << 20));
        PeerId p = peer();
        assertThrows(InvalidRecordException.class, () -> store.putValue("/pk/big".getBytes(), new byte[1025], p));
        store.putValue("/pk/1".getBytes(), new byte[] {1}, p);
        store.putValue("/pk/2".getBytes(), new byte[] {2}, p);
        store.putValue("/pk/2".getBytes(), new byte[] {3}, p);
        assertThrows(InvalidRecordException.class, () -> store.putValue("/pk/3".getBytes(), new byte[] {4}, p));
        store.putValue("/pk/3".getBytes(), new byte[] {4}, null);
    }

    @Test
    void recordsSurviveARestartAndATornTailIsCutOff() throws Exception {
        Path log = dir.resolve("dht/wan/records.log");
        PeerId p = peer();
        try (RecordStore store = new RecordStore(StoreLimits.of(NodeRole.WORKER), clock::get, new Journal(log))) {
            store.addProvider(key(1), p, ADDRESSES);
            store.putValue("/pk/a".getBytes(), new byte[] {7}, p);
        }
        Files.write(log, new byte[] {0x30, 1, 2}, StandardOpenOption.APPEND);
        long intact = Files.size(log) - 3;
        try (RecordStore store = new RecordStore(StoreLimits.of(NodeRole.WORKER), clock::get, new Journal(log))) {
            assertEquals(List.of(new RecordStore.Provider(p, ADDRESSES)), store.providers(key(1)));
            assertArrayEquals(new byte[] {7}, store.value("/pk/a".getBytes()).orElseThrow().value());
            assertEquals(intact, Files.size(log));
            store.addProvider(key(2), p, ADDRESSES);
        }
        clock.addAndGet(Duration.ofHours(49).toMillis());
        try (RecordStore store = new RecordStore(StoreLimits.of(NodeRole.WORKER), clock::get, new Journal(log))) {
            assertEquals(List.of(), store.providers(key(2)), "expired while the node was down");
            assertEquals(0, store.bytes());
        }
    }

    @Test
    void theJournalIsCompactedWhenMostlyDead() throws Exception {
        Path log = dir.resolve("records.log");
        PeerId p = peer();
        try (RecordStore store = new RecordStore(StoreLimits.of(NodeRole.WORKER), clock::get, new Journal(log))) {
            for (int i = 0; i < 20_000; i++) {
                store.addProvider(key(1), p, ADDRESSES);
            }
            store.flush();
            long grown = Files.size(log);
            store.sweep();
            assertTrue(Files.size(log) < grown / 100, grown + " -> " + Files.size(log));
        }
        try (RecordStore store = new RecordStore(StoreLimits.of(NodeRole.WORKER), clock::get, new Journal(log))) {
            assertEquals(1, store.providerRecords());
        }
    }
}
