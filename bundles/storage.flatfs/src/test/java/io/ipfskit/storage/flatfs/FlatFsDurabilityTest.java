package io.ipfskit.storage.flatfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.storage.flatfs.SimulatedDisk.Op;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FlatFs on a disk that can lose power (a kill -9 keeps the page cache, so only this shows a missing fsync): a put
 * returns only once the block's bytes and then its name are synced, so an acknowledged block survives a power loss
 * whole, and a put killed at any step leaves the block whole or absent, never a half-written or temporary file.
 */
class FlatFsDurabilityTest {

    private static final Path REPO = Path.of("/repo");
    private static final Path ROOT = REPO.resolve("blocks");
    private static final byte[] DATA = "an acknowledged block".getBytes(StandardCharsets.US_ASCII);
    private static final Cid CID = cid(DATA);
    /** The changes and syncs of a put into a new shard. */
    private static final int PUT_STEPS = 6;

    private final SimulatedDisk disk = new SimulatedDisk(REPO);

    private static Cid cid(byte[] data) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(data));
    }

    private FlatFs open() throws IOException {
        return new FlatFs(ROOT, Long.MAX_VALUE, disk);
    }

    /** The changes and syncs that {@code action} issued. */
    private List<Op> opsOf(IoAction action) throws IOException {
        int before = disk.ops().size();
        action.run();
        return disk.ops().subList(before, disk.ops().size());
    }

    private interface IoAction {
        void run() throws IOException;
    }

    @Test
    void openingANewStoreMakesItsDirectoryAndShardingFileDurable() throws IOException {
        List<Op> ops = opsOf(this::open);
        Path temp = ops.get(2).path();
        assertEquals(List.of(new Op("createDirectory", ROOT), new Op("syncDirectory", REPO), new Op("write", temp),
                new Op("syncFile", temp), new Op("rename", temp, ROOT.resolve("SHARDING")),
                new Op("syncDirectory", ROOT), new Op("syncDirectory", ROOT), new Op("syncDirectory", REPO)), ops);
    }

    @Test
    void aPutReturnsOnlyAfterTheFileThenItsNameWereSynced() throws IOException {
        FlatFs store = open();
        Path file = store.file(CID.multihash());
        Path shard = file.getParent();
        List<Op> ops = opsOf(() -> assertTrue(store.put(CID, DATA)));
        Path temp = ops.get(2).path();
        assertEquals(shard, temp.getParent(), "the temporary file is in the block's directory");
        assertEquals(List.of(new Op("createDirectory", shard), new Op("syncDirectory", ROOT), new Op("write", temp),
                new Op("syncFile", temp), new Op("rename", temp, file), new Op("syncDirectory", shard)), ops,
                "the new shard's name is synced, then the bytes before the rename, then the block's name");
    }

    @Test
    void acknowledgedPutsSurviveAPowerLoss() throws IOException {
        FlatFs store = open();
        List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            blocks.add(("block " + i).getBytes(StandardCharsets.US_ASCII));
            assertTrue(store.put(cid(blocks.get(i)), blocks.get(i)));
        }
        disk.losePower();
        FlatFs reopened = open();
        for (byte[] block : blocks) {
            assertArrayEquals(block, reopened.get(cid(block)).orElseThrow(), () -> "lost: " + cid(block));
        }
        assertEquals(blocks.size(), reopened.stats().items());
    }

    @Test
    void aPutKilledBeforeItsFileSyncLeavesNothingVisible() throws IOException {
        FlatFs store = open();
        disk.killBefore("syncFile");
        assertThrows(SimulatedDisk.Killed.class, () -> store.put(CID, DATA));

        disk.restart();
        assertAbsent(open());
        disk.losePower();
        assertAbsent(open());
    }

    @ParameterizedTest(name = "step {0} fails")
    @MethodSource("putSteps")
    void aPutTheDiskFailsLeavesNoTraceAndTheStoreWorking(int step) throws IOException {
        FlatFs store = open();
        disk.failStep(step);
        assertThrows(IOException.class, () -> store.put(CID, DATA));
        assertAbsent(store);
        assertAcknowledgedPutSurvivesPowerLoss(store);
    }

    static Stream<Integer> putSteps() {
        return Stream.iterate(0, step -> step < PUT_STEPS, step -> step + 1);
    }

    static Stream<Arguments> killsAndRecoveries() {
        List<Named<Consumer<SimulatedDisk>>> recoveries = List.of(
                Named.of("restart", SimulatedDisk::restart),
                Named.of("power loss", SimulatedDisk::losePower),
                Named.of("power loss after name writeback", SimulatedDisk::losePowerAfterNameWriteback));
        return recoveries.stream().flatMap(recovery -> putSteps().map(step -> Arguments.of(step, recovery)));
    }

    @ParameterizedTest(name = "killed before step {0}, then {1}")
    @MethodSource("killsAndRecoveries")
    void aPutKilledAtAnyStepLeavesTheBlockWholeOrAbsent(int step, Consumer<SimulatedDisk> recovery) throws IOException {
        FlatFs store = open();
        disk.killBeforeStep(step);
        assertThrows(SimulatedDisk.Killed.class, () -> store.put(CID, DATA));

        recovery.accept(disk);
        FlatFs reopened = open();
        Optional<byte[]> block = reopened.get(CID);
        block.ifPresent(data -> assertArrayEquals(DATA, data, "a block is served whole"));
        List<Multihash> listed = new ArrayList<>();
        reopened.forEach(listed::add);
        for (Multihash key : listed) {
            assertTrue(reopened.get(Cid.v1(Multicodec.RAW, key)).isPresent(), "listed but not served: " + key);
        }
        assertEquals(listed.size(), reopened.stats().items());
        assertEquals(List.of(), temporaryFiles(), "temporary files are gone");
        assertAcknowledgedPutSurvivesPowerLoss(reopened);
    }

    @Test
    void openingSyncsWhatAKilledWriterLeftUnsynced() throws IOException {
        FlatFs store = open();
        disk.killBefore("syncDirectory");
        assertThrows(SimulatedDisk.Killed.class, () -> store.put(CID, DATA));
        disk.restart();
        FlatFs reopened = open();
        List<Op> recovery = disk.ops().subList(disk.ops().size() - 3, disk.ops().size());
        assertEquals(List.of(new Op("syncDirectory", store.file(CID.multihash()).getParent()),
                new Op("syncDirectory", ROOT), new Op("syncDirectory", REPO)), recovery);
        assertAcknowledgedPutSurvivesPowerLoss(reopened);
    }

    /** The block, put (again) and acknowledged, is served after a power loss: from here on durability holds. */
    private void assertAcknowledgedPutSurvivesPowerLoss(FlatFs store) throws IOException {
        assertTrue(store.put(CID, DATA));
        disk.losePower();
        assertArrayEquals(DATA, open().get(CID).orElseThrow(), "an acknowledged put was lost");
    }

    private void assertAbsent(FlatFs store) throws IOException {
        assertFalse(store.has(CID));
        assertEquals(Optional.empty(), store.get(CID));
        assertEquals(0, store.stats().items());
        assertEquals(List.of(), temporaryFiles());
    }

    private List<Path> temporaryFiles() throws IOException {
        List<Path> temporary = new ArrayList<>();
        try (DirectoryStream<Path> shards = disk.list(ROOT)) {
            for (Path shard : shards) {
                if (disk.isDirectory(shard)) {
                    try (DirectoryStream<Path> files = disk.list(shard)) {
                        files.forEach(f -> {
                            if (f.getFileName().toString().startsWith(".temp-")) {
                                temporary.add(f);
                            }
                        });
                    }
                }
            }
        }
        return temporary;
    }
}
