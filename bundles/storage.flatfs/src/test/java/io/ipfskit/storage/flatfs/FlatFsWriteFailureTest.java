package io.ipfskit.storage.flatfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write the file system refuses (here: the shard's place taken by a file, as a full or read-only disk would fail
 * the write) is a clear IOException that leaves the store as it was: no half-written file, counts unchanged, other
 * blocks served, and the same put succeeds once the obstacle is gone.
 */
class FlatFsWriteFailureTest {

    @TempDir
    Path root;

    private static Cid cid(byte[] data) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(data));
    }

    /** Whether the store hands out the block (a read error counts as not served). */
    private static boolean served(FlatFs store, Cid cid) {
        try {
            return store.get(cid).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** A block whose shard differs from the given block's. */
    private static byte[] inAnotherShard(FlatFs store, Cid other) {
        Path taken = store.file(other.multihash()).getParent();
        for (int i = 0; ; i++) {
            byte[] data = ("refused " + i).getBytes(StandardCharsets.US_ASCII);
            if (!store.file(cid(data).multihash()).getParent().equals(taken)) {
                return data;
            }
        }
    }

    @Test
    void refusedWriteChangesNothing() throws IOException {
        FlatFs store = FlatFs.open(root, Long.MAX_VALUE);
        byte[] kept = "kept".getBytes(StandardCharsets.US_ASCII);
        store.put(cid(kept), kept);
        byte[] refused = inAnotherShard(store, cid(kept));
        Path shard = store.file(cid(refused).multihash()).getParent();
        Files.writeString(shard, "not a directory");
        var before = store.stats();

        IOException failure = assertThrows(IOException.class, () -> store.put(cid(refused), refused));
        assertTrue(failure.getMessage() != null && failure.getMessage().contains(shard.getFileName().toString()),
                "the error names where the write failed: " + failure);
        assertEquals(before, store.stats(), "nothing was counted");
        assertFalse(served(store, cid(refused)), "nothing half-written is served");
        assertArrayEquals(kept, store.get(cid(kept)).orElseThrow(), "other blocks are still served");
        try (Stream<Path> files = Files.walk(root)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".temp-")), "no temporary file remains");
        }

        Files.delete(shard);
        store.put(cid(refused), refused);
        assertArrayEquals(refused, store.get(cid(refused)).orElseThrow(), "the put succeeds once the disk allows it");
        assertEquals(2, store.stats().items());
    }
}
