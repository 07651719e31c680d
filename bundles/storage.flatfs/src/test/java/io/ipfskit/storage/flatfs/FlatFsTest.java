package io.ipfskit.storage.flatfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.storage.TierStats;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlatFsTest {

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);
    private static final Cid RAW = Cid.v1(Multicodec.RAW, Multihash.sha256(HELLO));

    @TempDir
    Path dir;

    @Test
    void storesOneFilePerBlockShardedByNextToLastTwoCharacters() throws IOException {
        FlatFs store = FlatFs.open(dir, Long.MAX_VALUE);
        assertTrue(store.put(RAW, HELLO));
        // base32 (upper, unpadded) of the multihash 0x1220 || sha256("hello"), checked with Python base64.b32encode
        Path file = dir.resolve("QJ").resolve("CIQCZ4SNXJP3BIYOE3UDWKWFXHRJ4GYWDZOB7J2CLZZQIM3CSOFZQJA.data");
        assertTrue(Files.isRegularFile(file), () -> "expected " + file);
        assertEquals(FlatFs.SHARDING, Files.readString(dir.resolve("SHARDING")).trim());
        assertArrayEquals(HELLO, store.get(RAW).orElseThrow());
        assertArrayEquals(HELLO, store.get(Cid.v1(Multicodec.DAG_PB, RAW.multihash())).orElseThrow(), "keyed by multihash");
    }

    @Test
    void survivesReopenAndCleansLeftoverTemporaryFiles() throws IOException {
        FlatFs.open(dir, Long.MAX_VALUE).put(RAW, HELLO);
        Path shard = dir.resolve("QJ");
        Files.write(shard.resolve(".temp-crashed"), new byte[] {1, 2});
        FlatFs reopened = FlatFs.open(dir, Long.MAX_VALUE);
        assertFalse(Files.exists(shard.resolve(".temp-crashed")));
        assertEquals(new TierStats("flatfs", 0, 0, 5, 1, 0, 0, 0), reopened.stats());
        List<Multihash> keys = new ArrayList<>();
        reopened.forEach(keys::add);
        assertEquals(List.of(RAW.multihash()), keys);
    }

    @Test
    void corruptFilesAreNeverServed() throws IOException {
        FlatFs store = FlatFs.open(dir, Long.MAX_VALUE);
        store.put(RAW, HELLO);
        Files.write(store.file(RAW.multihash()), "jello".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Optional.empty(), store.get(RAW));
        assertFalse(store.has(RAW));
        assertEquals(0, store.stats().items());
    }

    @Test
    void refusesBlocksBeyondCapacityAndRemoves() throws IOException {
        FlatFs store = FlatFs.open(dir, 7);
        assertTrue(store.put(RAW, HELLO));
        Cid other = Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[3]));
        assertFalse(store.put(other, new byte[3]));
        assertTrue(store.remove(RAW));
        assertFalse(store.remove(RAW));
        assertTrue(store.put(other, new byte[3]));
        assertEquals(3, store.stats().bytes());
    }

    @Test
    void refusesAnotherShardingScheme() throws IOException {
        Files.writeString(dir.resolve("SHARDING"), "/repo/flatfs/shard/v1/prefix/2\n");
        assertThrows(IOException.class, () -> FlatFs.open(dir, Long.MAX_VALUE));
    }

    /**
     * Puts from many threads at once (as an add stores its blocks): the same block written twice at once counts once,
     * and the capacity holds however the puts interleave.
     */
    @Test
    void concurrentPutsCountEachBlockOnceAndKeepTheCapacity() throws Exception {
        int blocks = 64;
        int fits = 40;
        FlatFs store = FlatFs.open(dir, fits * 100L);
        List<Cid> cids = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            byte[] block = new byte[100];
            block[0] = (byte) i;
            data.add(block);
            cids.add(Cid.v1(Multicodec.RAW, Multihash.sha256(block)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger accepted = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int offset = t * 8;
            done.add(threads.submit(() -> {
                go.await();
                for (int i = 0; i < blocks; i++) {
                    int k = (i + offset) % blocks;
                    boolean stored = store.put(cids.get(k), data.get(k));
                    if (stored && offset == 0) {
                        accepted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        long held = cids.stream().filter(store::has).count();
        assertEquals(fits, held, "exactly what fits is stored");
        assertEquals(new TierStats("flatfs", 0, 0, fits * 100L, fits, 0, 0, 0), store.stats());
        assertEquals(fits, accepted.get(), "a thread that put every block was told true for exactly the blocks held");
    }
}
