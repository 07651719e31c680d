package io.ipfskit.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.storage.InvalidBlockException;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MemoryBlockstoreTest {

    private final MemoryBlockstore store = new MemoryBlockstore();
    private final byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
    private final Cid raw = Cid.v1(Multicodec.RAW, Multihash.sha256(data));

    @Test
    void refusesABlockThatDoesNotMatchItsCid() {
        assertThrows(InvalidBlockException.class, () -> store.put(raw, "other".getBytes(StandardCharsets.UTF_8)));
        assertFalse(store.has(raw));
    }

    @Test
    void findsABlockUnderEveryCidOfItsMultihash() {
        store.put(raw, data);
        Cid dagPb = Cid.v1(Multicodec.DAG_PB, raw.multihash());
        assertArrayEquals(data, store.get(dagPb).orElseThrow());
        assertEquals(5, store.size(dagPb).orElseThrow());
        assertEquals(1, store.count());
        assertEquals(5, store.bytes());
        assertTrue(store.delete(dagPb));
        assertFalse(store.has(raw));
    }
}
