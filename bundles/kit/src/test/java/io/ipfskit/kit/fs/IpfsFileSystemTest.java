package io.ipfskit.kit.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.kit.internal.KitService;
import io.ipfskit.kit.testing.Trees;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.unixfs.testing.MemoryRepo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpfsFileSystemTest {

    private final KitService kit;
    private final IpfsFileSystemProvider provider;

    @TempDir
    Path temp;

    private Path source;
    private Cid root;
    private FileSystem fs;

    IpfsFileSystemTest() {
        MemoryRepo repo = new MemoryRepo();
        kit = new KitService(repo, repo);
        provider = new IpfsFileSystemProvider(kit);
    }

    @BeforeEach
    void addTree() throws IOException {
        source = Trees.sample(temp.resolve("tree"));
        Files.write(source.resolve("big.bin"), Trees.random(9, 3 * 1048576 + 5));
        root = kit.add(source);
        fs = provider.newFileSystem(URI.create("ipfs://" + root), Map.of());
    }

    @Test
    void readsFilesAsStreams() throws IOException {
        byte[] big = Files.readAllBytes(source.resolve("big.bin"));
        try (InputStream in = Files.newInputStream(fs.getPath("/big.bin"))) {
            assertArrayEquals(big, in.readAllBytes());
        }
        assertArrayEquals("hello world\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(fs.getPath("sub/deeper/e.txt")));
        assertEquals("hello world\n", Files.readString(IpfsFileSystems.open(kit, root).getPath("/sub", "deeper", "e.txt")));
    }

    @Test
    void aSeekableChannelReadsAtRandomPositions() throws IOException {
        byte[] big = Files.readAllBytes(source.resolve("big.bin"));
        Random random = new Random(11);
        try (SeekableByteChannel channel = Files.newByteChannel(fs.getPath("/big.bin"))) {
            assertEquals(big.length, channel.size());
            for (int i = 0; i < 100; i++) {
                int position = random.nextInt(big.length);
                ByteBuffer buffer = i % 2 == 0 ? ByteBuffer.allocate(1 + random.nextInt(300000))
                        : ByteBuffer.allocateDirect(1 + random.nextInt(1000));
                channel.position(position);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    assertEquals(position + buffer.position(), channel.position());
                }
                buffer.flip();
                byte[] read = new byte[buffer.remaining()];
                buffer.get(read);
                assertArrayEquals(Arrays.copyOfRange(big, position, position + read.length), read, "at " + position);
            }
            assertEquals(-1, channel.position(big.length).read(ByteBuffer.allocate(1)));
            assertEquals(-1, channel.position(big.length + 100L).read(ByteBuffer.allocate(1)));
            assertThrows(NonWritableChannelException.class, () -> channel.write(ByteBuffer.allocate(1)));
        }
    }

    @Test
    void listAndWalkMatchTheSourceTree() throws IOException {
        assertEquals(Trees.snapshot(source), Trees.snapshot(fs.getPath("/")));
        try (Stream<Path> list = Files.list(fs.getPath("/sub"))) {
            assertEquals(List.of(fs.getPath("/sub/c.bin"), fs.getPath("/sub/deeper")), list.toList());
        }
        try (Stream<Path> walk = Files.walk(provider.getPath(URI.create("ipfs://" + root + "/sub")))) {
            assertEquals(List.of("/sub", "/sub/c.bin", "/sub/deeper", "/sub/deeper/d.bin", "/sub/deeper/e.txt"),
                    walk.map(Path::toString).toList());
        }
        try (var stream = Files.newDirectoryStream(fs.getPath("/"), "*.bin")) {
            assertEquals(List.of(fs.getPath("/b.bin"), fs.getPath("/big.bin")), List.copyOf(toList(stream)));
        }
    }

    @Test
    void attributesGiveTypeAndSize() throws IOException {
        BasicFileAttributes file = Files.readAttributes(fs.getPath("/sub/c.bin"), BasicFileAttributes.class);
        assertTrue(file.isRegularFile());
        assertFalse(file.isDirectory());
        assertEquals(262145, file.size());
        assertEquals(kit.resolve(root, "sub/c.bin").cid(), file.fileKey());
        BasicFileAttributes dir = Files.readAttributes(fs.getPath("/sub"), BasicFileAttributes.class);
        assertTrue(dir.isDirectory());
        assertFalse(dir.isRegularFile());
        assertEquals(Map.of("size", 1L, "isDirectory", false), Files.readAttributes(fs.getPath("b.bin"), "size,isDirectory"));
        assertEquals(9, Files.readAttributes(fs.getPath("b.bin"), "basic:*").size());
        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(fs.getPath("/b.bin")));
        assertTrue(Files.exists(fs.getPath("/sub/deeper")));
        assertFalse(Files.exists(fs.getPath("/sub/nope")));
        assertFalse(Files.exists(fs.getPath("/.hidden")));
        assertTrue(Files.isReadable(fs.getPath("/a.txt")));
        assertFalse(Files.isWritable(fs.getPath("/a.txt")));
        assertTrue(Files.isSameFile(fs.getPath("/sub/deeper/e.txt"), fs.getPath("/sub/../sub/deeper/./e.txt")));
    }

    @Test
    void symbolicLinksAreReportedNotFollowed() throws IOException {
        Files.createSymbolicLink(temp.resolve("link"), Path.of("tree/b.bin"));
        Path link = IpfsFileSystems.open(kit, kit.add(temp.resolve("link"))).getPath("/");
        BasicFileAttributes attributes = Files.readAttributes(link, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertTrue(attributes.isSymbolicLink());
        assertEquals(10, attributes.size());
        assertThrows(FileSystemException.class, () -> Files.newInputStream(link));
    }

    @Test
    void everyWriteFails() {
        Path file = fs.getPath("/b.bin");
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.write(file, new byte[1]));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.write(fs.getPath("/new"), new byte[1]));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.newByteChannel(file, StandardOpenOption.APPEND));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.createDirectory(fs.getPath("/d")));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.delete(file));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.copy(file, fs.getPath("/copy")));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.move(file, fs.getPath("/moved")));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.createSymbolicLink(fs.getPath("/l"), file));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.setLastModifiedTime(file, FileTime.fromMillis(1)));
        assertThrows(AccessDeniedException.class, () -> provider.checkAccess(file, AccessMode.WRITE));
        assertTrue(fs.isReadOnly());
    }

    @Test
    void badInputGivesClearExceptions() {
        Cid unknown = Cid.v0(Multihash.sha256("never added".getBytes(StandardCharsets.UTF_8)));
        assertThrows(NoSuchFileException.class, () -> Files.newInputStream(IpfsFileSystems.open(kit, unknown).getPath("/")));
        assertThrows(NoSuchFileException.class, () -> Files.newInputStream(fs.getPath("/sub/nope")));
        assertThrows(NotDirectoryException.class, () -> Files.newInputStream(fs.getPath("/b.bin/x")));
        assertThrows(NotDirectoryException.class, () -> Files.list(fs.getPath("/b.bin")));
        assertThrows(FileSystemException.class, () -> Files.newInputStream(fs.getPath("/sub")));
        for (String uri : List.of("http://" + root, "ipfs:" + root, "ipfs:///sub", "ipfs://notacid/", "ipfs://" + root + "?q",
                "ipfs://" + root + "#f")) {
            assertThrows(IllegalArgumentException.class, () -> provider.getPath(URI.create(uri)), uri);
        }
        assertThrows(IllegalArgumentException.class, () -> provider.newFileSystem(URI.create("ipfs://" + root + "/sub"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> fs.getPath("/a\0b"));
    }

    @Test
    void pathsBehaveLikeUnixPaths() {
        Path path = fs.getPath("/sub/deeper/e.txt");
        assertEquals(fs.getPath("e.txt"), path.getFileName());
        assertEquals(fs.getPath("/sub/deeper"), path.getParent());
        assertEquals(fs.getPath("/"), path.getRoot());
        assertNull(fs.getPath("/").getParent());
        assertNull(fs.getPath("/").getFileName());
        assertNull(fs.getPath("a").getParent());
        assertEquals(3, path.getNameCount());
        assertEquals(fs.getPath("deeper/e.txt"), path.subpath(1, 3));
        assertEquals(path, fs.getPath("/sub").resolve("deeper/e.txt"));
        assertEquals(fs.getPath("/b.bin"), path.resolve("/b.bin"));
        assertEquals(fs.getPath("deeper/e.txt"), fs.getPath("/sub").relativize(path));
        assertEquals(fs.getPath("../../b.bin"), path.getParent().relativize(fs.getPath("/b.bin")));
        assertEquals(fs.getPath("/b.bin"), fs.getPath("/sub/./../../b.bin").normalize());
        assertEquals(fs.getPath("../a"), fs.getPath("x/../../a").normalize());
        assertTrue(path.startsWith(fs.getPath("/sub")));
        assertFalse(path.startsWith(fs.getPath("sub")));
        assertTrue(path.endsWith(fs.getPath("deeper/e.txt")));
        assertEquals("/sub/deeper/e.txt", path.toString());
        assertEquals(URI.create("ipfs://" + root + "/sub/deeper/e.txt"), path.toUri());
        assertEquals(path, provider.getPath(path.toUri()));
        assertEquals(fs.getPath("/a b"), provider.getPath(fs.getPath("/a b").toUri()));
        assertThrows(IllegalArgumentException.class, () -> path.relativize(fs.getPath("rel")));
    }

    @Test
    void aClosedFileSystemRefusesReads() throws IOException {
        Path path = fs.getPath("/b.bin");
        fs.close();
        assertFalse(fs.isOpen());
        assertThrows(ClosedFileSystemException.class, () -> Files.readAllBytes(path));
        assertEquals(1, Files.size(provider.getPath(path.toUri())));
    }

    private static <T> List<T> toList(Iterable<T> iterable) {
        List<T> out = new ArrayList<>();
        iterable.forEach(out::add);
        return out;
    }
}
