package io.ipfskit.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.cluster.wire.ClusterPin;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinStoreTest {

    @TempDir
    Path temp;

    private static Cid cid(int i) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {(byte) i, (byte) (i >> 8)}));
    }

    @Test
    void writesOnlyWhatChangedAndReadsItBack() throws Exception {
        Path file = temp.resolve("cluster").resolve("pins");
        PinStore store = new PinStore(file);
        List<ClusterPin> pins = List.of(new ClusterPin(cid(1), 2, List.of()), new ClusterPin(cid(2), 1, List.of()));
        store.putAll(pins);
        assertEquals(pins, new PinStore(file).all());
        Files.delete(file);
        store.putAll(pins);
        assertFalse(Files.exists(file), "the same state again is not written again");
        store.putAll(List.of(new ClusterPin(cid(2), 0, List.of())));
        assertTrue(Files.exists(file));
        assertEquals(List.of(cid(1)), new PinStore(file).live().stream().map(ClusterPin::cid).toList());
    }

    @Test
    void keepsAtMostItsBoundOfTombstonesForgettingTheOldest() throws Exception {
        PinStore store = new PinStore(null);
        List<ClusterPin> removed = new ArrayList<>();
        for (int i = 0; i <= PinStore.MAX_TOMBSTONES; i++) {
            removed.add(new ClusterPin(cid(i), 0, List.of()));
        }
        store.putAll(List.of(new ClusterPin(cid(60_000), 1, List.of())));
        store.putAll(removed);
        assertEquals(PinStore.MAX_TOMBSTONES + 1, store.all().size(), "the tombstones and the live pin");
        assertTrue(store.get(cid(0)).isEmpty(), "the oldest tombstone is forgotten");
        assertTrue(store.get(cid(60_000)).isPresent(), "a live pin never is");
    }
}
