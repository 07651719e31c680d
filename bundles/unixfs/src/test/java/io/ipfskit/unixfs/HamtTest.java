package io.ipfskit.unixfs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbNode;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.internal.Murmur3;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HamtTest {

    private final MemoryBlocks blocks = new MemoryBlocks();
    private final Importer importer = new Importer(ImportOptions.KUBO_DEFAULTS, blocks);

    @Test
    void murmur3MatchesTheReferenceVectors() {
        // MurmurHash3_x64_128, seed 0: h1 big-endian, as Go's murmur3 New64().Sum(nil); the published fox vector
        // 6c1b07bc7bbc4be3... is the same h1 written little-endian
        assertEquals("0000000000000000", HexFormat.of().formatHex(Murmur3.hash(new byte[0])));
        assertEquals("cbd8a7b341bd9b02", HexFormat.of().formatHex(Murmur3.hash("hello".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("e34bbc7bbc071b6c", HexFormat.of().formatHex(
                Murmur3.hash("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII))));
    }

    private Map<String, Imported> entries(int count) throws IOException {
        Imported file = importer.file(new ByteArrayInputStream("hello world\n".getBytes(StandardCharsets.US_ASCII)));
        Map<String, Imported> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            entries.put("file-" + i, file);
        }
        return entries;
    }

    @Test
    void shardsOnlyAboveTheThreshold() throws IOException {
        // each entry estimates as name + 34-byte CIDv0: 6-char names give 40 bytes, so 6553 entries = 262120 bytes
        Map<String, Imported> small = new TreeMap<>();
        entries(6553).forEach((name, file) -> small.put(String.format("f%05d", Integer.parseInt(name.substring(5))), file));
        Cid plain = importer.directory(small).cid();
        assertEquals(UnixfsData.Type.DIRECTORY, UnixfsData.decode(DagPb.decode(blocks.blocks.get(plain)).data()).type());
        small.put("f99999", small.get("f00000"));
        small.put("f99998", small.get("f00000"));
        Cid sharded = importer.directory(small).cid();
        UnixfsData root = UnixfsData.decode(DagPb.decode(blocks.blocks.get(sharded)).data());
        assertEquals(UnixfsData.Type.HAMT_SHARD, root.type());
        assertEquals(256, root.fanout());
        assertEquals(0x22, root.hashType());
    }

    @Test
    void listsAndResolvesEveryEntryThroughTheShards() throws IOException {
        Map<String, Imported> entries = entries(7000);
        Cid root = importer.directory(entries).cid();
        Exporter exporter = new Exporter(blocks);
        List<DirEntry> listed = exporter.ls(root);
        assertEquals(entries.keySet(), new java.util.HashSet<>(listed.stream().map(DirEntry::name).toList()));
        for (String name : List.of("file-0", "file-1234", "file-6999")) {
            assertEquals(entries.get(name).cid(), exporter.resolve(root, name));
        }
        assertThrows(NoSuchElementException.class, () -> exporter.resolve(root, "file-7000"));
        PbNode shard = DagPb.decode(blocks.blocks.get(root));
        assertEquals(256, shard.links().size(), "7000 names fill every slot of the root shard");
        assertTrue(shard.links().stream().anyMatch(link -> link.name().length() == 2), "some slots hold child shards");
        assertEquals(32, UnixfsData.decode(shard.data()).data().length);
    }
}
