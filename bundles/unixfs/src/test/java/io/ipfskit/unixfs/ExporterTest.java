package io.ipfskit.unixfs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.codec.dagpb.PbNode;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExporterTest {

    private final MemoryBlocks blocks = new MemoryBlocks();
    private final Exporter exporter = new Exporter(blocks);

    private Cid add(byte[] data, ImportOptions options) throws IOException {
        return new Importer(options, blocks).file(new ByteArrayInputStream(data)).cid();
    }

    @Test
    void readsRangesAcrossChunkAndNodeBoundaries() throws IOException {
        byte[] data = new byte[5000];
        new Random(1).nextBytes(data);
        Cid root = add(data, ImportOptions.of(0, null, "size-7", false));
        assertEquals(5000, exporter.size(root));
        for (long[] range : new long[][] {{0, -1}, {0, 7}, {6, 2}, {1217, 1300}, {4999, 10}, {5000, 5}, {6000, -1}}) {
            int from = (int) Math.min(range[0], 5000);
            int to = range[1] < 0 ? 5000 : (int) Math.min(5000, from + range[1]);
            assertArrayEquals(Arrays.copyOfRange(data, from, to), exporter.cat(root, range[0], range[1]).readAllBytes(),
                    Arrays.toString(range));
        }
    }

    @Test
    void reportsMissingBlocksAndDirectories() throws IOException {
        Cid missing = Cid.v0(Multihash.sha256(new byte[] {42}));
        assertThrows(NoSuchElementException.class, () -> exporter.cat(missing, 0, -1));
        Cid dir = new Importer(ImportOptions.KUBO_DEFAULTS, blocks).directory(java.util.Map.of()).cid();
        assertThrows(IllegalArgumentException.class, () -> exporter.cat(dir, 0, -1));
        Cid file = add(new byte[3], ImportOptions.KUBO_DEFAULTS);
        assertThrows(IllegalArgumentException.class, () -> exporter.ls(file));
        assertEquals(List.of(), exporter.ls(dir));
    }

    @Test
    void rejectsBlocksThatDoNotMatchTheirCid() throws IOException {
        Cid root = add(new byte[20], ImportOptions.of(0, null, "size-8", false));
        PbNode node = DagPb.decode(blocks.blocks.get(root));
        blocks.blocks.put(node.links().get(1).hash(), new byte[] {1, 2, 3});
        IOException thrown = assertThrows(IOException.class, () -> exporter.cat(root, 0, -1).readAllBytes());
        assertEquals("block does not match its CID: " + node.links().get(1).hash(), thrown.getMessage());
    }

    @Test
    void rejectsSizesThatContradictTheChildren() throws IOException {
        MemoryBlocks forged = new MemoryBlocks();
        Cid leaf = new Importer(ImportOptions.of(1, null, null, false), forged).file(new ByteArrayInputStream(new byte[5])).cid();
        byte[] liar = DagPb.encode(new PbNode(List.of(new PbLink(leaf, "", 5)),
                UnixfsData.file(null, 6, List.of(6L)).encode()));
        Cid root = Cid.v0(Multihash.sha256(liar));
        forged.put(root, liar);
        IOException thrown = assertThrows(IOException.class, () -> new Exporter(forged).cat(root, 0, -1).readAllBytes());
        assertEquals("block " + leaf + " holds 5 file bytes, its parent declares 6", thrown.getMessage());
    }
}
