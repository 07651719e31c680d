package io.ipfskit.unixfs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.codec.dagpb.PbNode;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {

    private static final byte[] HELLO = "hello world\n".getBytes(StandardCharsets.US_ASCII);

    private final MemoryBlocks blocks = new MemoryBlocks();

    private Imported add(byte[] data, ImportOptions options) throws IOException {
        return new Importer(options, blocks).file(new ByteArrayInputStream(data));
    }

    @Test
    void helloWorldMatchesKubo() throws IOException {
        Imported hello = add(HELLO, ImportOptions.KUBO_DEFAULTS);
        assertEquals("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", hello.cid().toString());
        assertEquals(12, hello.size());
        assertEquals(blocks.blocks.get(hello.cid()).length, hello.tsize());
    }

    @Test
    void emptyFileMatchesKubo() throws IOException {
        assertEquals("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH", add(new byte[0], ImportOptions.KUBO_DEFAULTS).cid().toString());
        assertEquals("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH",
                add(new byte[0], ImportOptions.of(0, null, null, true)).cid().toString());
    }

    @Test
    void cidVersionOneSwitchesToRawLeaves() throws IOException {
        Imported hello = add(HELLO, ImportOptions.of(1, null, null, false));
        assertEquals(Cid.v1(Multicodec.RAW, Cid.parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o").multihash()).codec(),
                hello.cid().codec());
        assertArrayEquals(HELLO, blocks.blocks.get(hello.cid()));
        Imported pbLeaves = add(HELLO, ImportOptions.of(1, false, null, false));
        assertEquals(Cid.parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o").toV1(), pbLeaves.cid());
    }

    @Test
    void rawLeavesWithCidVersionZeroLinkRawLeavesFromV0Parents() throws IOException {
        Imported root = add(new byte[10], ImportOptions.of(0, true, "size-4", false));
        assertEquals(0, root.cid().version());
        PbNode node = DagPb.decode(blocks.blocks.get(root.cid()));
        assertEquals(3, node.links().size());
        for (PbLink link : node.links()) {
            assertEquals(Multicodec.RAW, link.hash().codec());
            assertEquals("", link.name());
        }
        assertEquals(List.of(4L, 4L, 2L), UnixfsData.decode(node.data()).blocksizes());
        assertEquals(10, root.size());
    }

    @Test
    void balancedLayoutNestsAt174Links() throws IOException {
        ImportOptions options = ImportOptions.of(0, null, "size-1", false);
        Imported full = add(new byte[174], options);
        assertEquals(174, DagPb.decode(blocks.blocks.get(full.cid())).links().size());
        Imported over = add(new byte[175], options);
        PbNode root = DagPb.decode(blocks.blocks.get(over.cid()));
        assertEquals(2, root.links().size());
        assertEquals(List.of(174L, 1L), UnixfsData.decode(root.data()).blocksizes());
        PbNode second = DagPb.decode(blocks.blocks.get(root.links().get(1).hash()));
        assertEquals(1, second.links().size());
    }

    @Test
    void trickleLayoutRepeatsEachDepthFourTimes() throws IOException {
        Imported single = add(HELLO, ImportOptions.of(0, null, null, true));
        PbNode wrapper = DagPb.decode(blocks.blocks.get(single.cid()));
        assertEquals(1, wrapper.links().size());
        PbNode leaf = DagPb.decode(blocks.blocks.get(wrapper.links().get(0).hash()));
        assertEquals(UnixfsData.Type.RAW, UnixfsData.decode(leaf.data()).type());

        Imported root = add(new byte[174 + 4 * 174 + 1], ImportOptions.of(0, null, "size-1", true));
        PbNode node = DagPb.decode(blocks.blocks.get(root.cid()));
        assertEquals(174 + 4 + 1, node.links().size());
        List<Long> sizes = UnixfsData.decode(node.data()).blocksizes();
        assertEquals(List.of(174L, 174L, 174L, 174L, 1L), sizes.subList(174, 179));
    }

    @Test
    void wrapsAndImportsDirectoriesSortedByName(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("b.txt"), HELLO);
        Files.write(dir.resolve("a.txt"), new byte[0]);
        Files.write(dir.resolve(".hidden"), HELLO);
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("ln"), Path.of("b.txt"));
        Importer importer = new Importer(ImportOptions.KUBO_DEFAULTS, blocks);
        Imported root = importer.path(dir, false);
        List<DirEntry> entries = new Exporter(blocks).ls(root.cid());
        assertEquals(List.of("a.txt", "b.txt", "ln", "sub"), entries.stream().map(DirEntry::name).toList());
        assertEquals("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn", entries.get(3).cid().toString());
        assertEquals(java.util.Optional.of("b.txt"), new Exporter(blocks).symlinkTarget(entries.get(2).cid()));
        assertEquals("0804" + "1205" + java.util.HexFormat.of().formatHex("b.txt".getBytes(StandardCharsets.US_ASCII)),
                java.util.HexFormat.of().formatHex(DagPb.decode(blocks.blocks.get(entries.get(2).cid())).data()));
        assertEquals("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", entries.get(1).cid().toString());
        assertEquals(5, new Exporter(blocks).ls(importer.path(dir, true).cid()).size());

        Imported wrapped = importer.wrap("hello.txt", add(HELLO, ImportOptions.KUBO_DEFAULTS));
        Cid file = new Exporter(blocks).resolve(wrapped.cid(), "/hello.txt");
        assertEquals("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", file.toString());
        assertEquals(blocks.blocks.get(wrapped.cid()).length + 20, wrapped.tsize());
    }

    @Test
    void refusesBadNamesAndOptions() {
        Importer importer = new Importer(ImportOptions.KUBO_DEFAULTS, blocks);
        Imported file = new Imported(Cid.parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"), 12, 20);
        assertThrows(IllegalArgumentException.class, () -> importer.directory(Map.of("a/b", file)));
        assertThrows(IllegalArgumentException.class, () -> importer.directory(Map.of("", file)));
        assertThrows(IllegalArgumentException.class, () -> ImportOptions.of(0, null, "size-0", false));
        assertThrows(IllegalArgumentException.class, () -> ImportOptions.of(0, null, "rabin", false));
        assertThrows(IllegalArgumentException.class, () -> ImportOptions.of(2, null, null, false));
    }

    @Test
    void streamsWithoutBufferingTheInput() throws IOException {
        long size = 64L * 1024 * 1024;
        long[] stored = {0};
        InputStream endless = new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 7 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 7);
                left -= n;
                return n;
            }
        };
        Imported root = new Importer(ImportOptions.KUBO_DEFAULTS, (cid, block) -> stored[0] += block.length).file(endless);
        assertEquals(size, root.size());
        assertTrue(stored[0] > size, "every chunk reached the sink");
    }
}
