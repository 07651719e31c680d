package io.ipfskit.kit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.kit.AddOptions;
import io.ipfskit.api.kit.DirectoryEntry;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.codec.dagpb.PbNode;
import io.ipfskit.kit.testing.Trees;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.unixfs.UnixfsData;
import io.ipfskit.unixfs.testing.MemoryRepo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KitServiceTest {

    private static final byte[] HELLO = "hello world\n".getBytes(StandardCharsets.UTF_8);

    private final MemoryRepo repo = new MemoryRepo();
    private final KitService kit = new KitService(repo, repo);

    @TempDir
    Path temp;

    @Test
    void addsHoldGcOffFromTheFirstBlockToThePin() throws IOException {
        kit.add(Trees.random(3, 1048576));
        kit.add(Trees.sample(temp.resolve("tree")), AddOptions.DEFAULTS);
        assertEquals(0, repo.unguardedPuts());
    }

    @Test
    void cidsMatchKubo() throws IOException {
        assertEquals("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", kit.add(HELLO).toString());
        assertEquals("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH", kit.add(new byte[0]).toString());
        assertEquals("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4",
                kit.add(new ByteArrayInputStream(HELLO), AddOptions.DEFAULTS.withCidVersion(1)).toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 262144, 262145, 3 * 1048576 + 12345})
    void addThenCatIsIdentityAndPinsRecursively(int size) throws IOException {
        byte[] data = Trees.random(size, size);
        Cid cid = kit.add(data);
        try (InputStream in = kit.cat(cid)) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertEquals(PinType.RECURSIVE, repo.pins().get(cid));
        assertEquals(size, kit.resolve(cid, "").size());
    }

    @Test
    void catWithOffsetAndLengthMatchesTheSourceRange() throws IOException {
        byte[] data = Trees.random(7, 1048576 + 999);
        Cid cid = kit.add(new ByteArrayInputStream(data), new AddOptions(0, false, 65536, false, false));
        Random random = new Random(42);
        for (int i = 0; i < 60; i++) {
            int offset = random.nextInt(data.length + 10);
            int length = random.nextInt(200000) - 1;
            int from = Math.min(offset, data.length);
            int to = length < 0 ? data.length : (int) Math.min((long) from + length, data.length);
            try (InputStream in = kit.cat(cid, offset, length)) {
                assertArrayEquals(Arrays.copyOfRange(data, from, to), in.readAllBytes(), "offset " + offset + " length " + length);
            }
        }
    }

    @Test
    void addDirectoryThenGetReproducesTheTreeWithoutHiddenEntries() throws IOException {
        Path source = Trees.sample(temp.resolve("source"));
        Cid root = kit.add(source);
        Path copy = temp.resolve("copy");
        kit.get(root, copy);
        assertEquals(Trees.snapshot(source), Trees.snapshot(copy));
        assertFalse(Files.exists(copy.resolve(".hidden")));
        assertEquals(List.of("a.txt", "b.bin", "empty", "sub"), kit.ls(root).stream().map(DirectoryEntry::name).toList());
        assertEquals(new DirectoryEntry("e.txt", kit.add(HELLO), 12, DirectoryEntry.Type.FILE),
                kit.resolve(root, "/sub/deeper/e.txt"));
    }

    @Test
    void wrapWithDirectoryNamesTheEntryAfterTheFile() throws IOException {
        Path file = Files.write(temp.resolve("hello.txt"), HELLO);
        Cid wrapper = kit.add(file, AddOptions.DEFAULTS.withWrapWithDirectory(true));
        assertEquals(List.of(new DirectoryEntry("hello.txt", kit.add(HELLO), 12, DirectoryEntry.Type.FILE)), kit.ls(wrapper));
        assertThrows(IllegalArgumentException.class,
                () -> kit.add(new ByteArrayInputStream(HELLO), AddOptions.DEFAULTS.withWrapWithDirectory(true)));
    }

    @Test
    void symbolicLinksAreAddedAndWrittenAsLinks() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("links"));
        Files.write(dir.resolve("target.txt"), HELLO);
        Files.createSymbolicLink(dir.resolve("link"), Path.of("target.txt"));
        Cid root = kit.add(dir);
        assertEquals(new DirectoryEntry("link", kit.resolve(root, "link").cid(), 10, DirectoryEntry.Type.SYMLINK),
                kit.resolve(root, "link"));
        assertThrows(FileSystemException.class, () -> kit.cat(kit.resolve(root, "link").cid()));
        Path copy = temp.resolve("copy");
        kit.get(root, copy);
        assertEquals(Path.of("target.txt"), Files.readSymbolicLink(copy.resolve("link")));
        assertArrayEquals(HELLO, Files.readAllBytes(copy.resolve("link")));
    }

    @Test
    void getRefusesAnExistingTarget() throws IOException {
        Path existing = Files.write(temp.resolve("there"), new byte[0]);
        assertThrows(FileAlreadyExistsException.class, () -> kit.get(kit.add(HELLO), existing));
    }

    @Test
    void badInputGivesClearExceptions() throws IOException {
        Cid unknown = Cid.v0(Multihash.sha256("never added".getBytes(StandardCharsets.UTF_8)));
        assertThrows(NoSuchFileException.class, () -> kit.cat(unknown));
        assertThrows(NoSuchFileException.class, () -> kit.ls(unknown));
        assertThrows(NoSuchFileException.class, () -> kit.pin(unknown, true));
        assertThrows(NoSuchFileException.class, () -> kit.add(temp.resolve("absent")));
        Cid root = kit.add(Trees.sample(temp.resolve("tree")));
        Cid file = kit.resolve(root, "b.bin").cid();
        assertThrows(NotDirectoryException.class, () -> kit.resolve(root, "b.bin/x"));
        assertThrows(NotDirectoryException.class, () -> kit.ls(file));
        assertThrows(NoSuchFileException.class, () -> kit.resolve(root, "sub/nope"));
        assertThrows(FileSystemException.class, () -> kit.cat(root));
        assertThrows(IllegalArgumentException.class, () -> kit.resolve(root, "sub/../b.bin"));
        assertThrows(IllegalArgumentException.class, () -> kit.cat(file, -1, 1));
    }

    @Test
    void aDirectoryEntryNamedDotDotIsRefusedAndNothingEscapesTheTarget() throws IOException {
        Cid file = kit.add(HELLO);
        byte[] block = DagPb.encode(new PbNode(List.of(new PbLink(file, "..", 20)), UnixfsData.directory().encode()));
        Cid evil = Cid.v0(Multihash.sha256(block));
        repo.put(evil, block);
        assertThrows(IOException.class, () -> kit.ls(evil));
        Path target = temp.resolve("out/inner");
        Files.createDirectories(target.getParent());
        assertThrows(IOException.class, () -> kit.get(evil, target));
        try (var walk = Files.walk(temp)) {
            assertEquals(List.of(temp, temp.resolve("out"), target), walk.sorted().toList());
        }
    }

    @Test
    void pinUnpinAndStat() throws IOException {
        Cid cid = kit.add(Trees.random(3, 600000));
        assertTrue(kit.unpin(cid));
        assertFalse(kit.unpin(cid));
        kit.pin(cid, false);
        assertEquals(PinType.DIRECT, repo.pins().get(cid));
        assertEquals(4, kit.stat().numObjects());
    }
}
