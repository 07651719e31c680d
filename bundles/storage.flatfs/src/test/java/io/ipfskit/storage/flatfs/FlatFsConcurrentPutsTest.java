package io.ipfskit.storage.flatfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent FlatFs puts on a disk that can lose power: the puts that returned survive it; a put not yet returned may
 * be lost, but never leaves a block that is listed or served other than whole.
 */
class FlatFsConcurrentPutsTest {

    private static final Path REPO = Path.of("/repo");
    private static final Path ROOT = REPO.resolve("blocks");

    private final SimulatedDisk disk = new SimulatedDisk(REPO);
    private final GatedDisk gated = new GatedDisk();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        gated.open();
        threads.shutdownNow();
    }

    private static byte[] block(int i) {
        return ("group commit block " + i).getBytes(StandardCharsets.US_ASCII);
    }

    private static Cid cid(byte[] data) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(data));
    }

    private List<Future<?>> putAll(FlatFs store, int from, int to) {
        List<Future<?>> puts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            byte[] data = block(i);
            puts.add(threads.submit(() -> {
                assertTrue(store.put(cid(data), data));
                return null;
            }));
        }
        return puts;
    }

    @Test
    void concurrentPutsThatReturnedSurviveAPowerLoss() throws Exception {
        FlatFs store = new FlatFs(ROOT, Long.MAX_VALUE, disk);
        for (Future<?> put : putAll(store, 0, 64)) {
            put.get(30, TimeUnit.SECONDS);
        }
        disk.losePower();
        FlatFs reopened = new FlatFs(ROOT, Long.MAX_VALUE, disk);
        for (int i = 0; i < 64; i++) {
            assertArrayEquals(block(i), reopened.get(cid(block(i))).orElseThrow(), "lost block " + i);
        }
        assertEquals(64, reopened.stats().items());
    }

    @Test
    void aPutNotYetReturnedAtAPowerLossIsWholeOrAbsentAndThoseThatReturnedSurvive() throws Exception {
        FlatFs store = new FlatFs(ROOT, Long.MAX_VALUE, gated.over(disk));
        gated.arm(directory -> ROOT.equals(directory.getParent()));
        List<Future<?>> held = putAll(store, 0, 1);
        gated.awaitHeld();
        for (Future<?> put : putAll(store, 1, 8)) {
            put.get(30, TimeUnit.SECONDS);
        }
        assertFalse(held.get(0).isDone(), "the held put has not returned");

        disk.losePowerAfterNameWriteback();
        FlatFs reopened = new FlatFs(ROOT, Long.MAX_VALUE, disk);
        for (int i = 1; i < 8; i++) {
            assertArrayEquals(block(i), reopened.get(cid(block(i))).orElseThrow(), "lost block " + i);
        }
        reopened.get(cid(block(0))).ifPresent(data -> assertArrayEquals(block(0), data));
        List<Multihash> listed = new ArrayList<>();
        reopened.forEach(listed::add);
        for (Multihash key : listed) {
            assertTrue(reopened.get(Cid.v1(Multicodec.RAW, key)).isPresent(), "listed but not whole: " + key);
        }
        assertEquals(listed.size(), reopened.stats().items());
    }
}
