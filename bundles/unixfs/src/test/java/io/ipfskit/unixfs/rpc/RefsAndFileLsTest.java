package io.ipfskit.unixfs.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.unixfs.testing.MemoryRepo;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * kubo's {@code refs} (direct, recursive, unique, depth, edges, a missing block), {@code refs local}, and {@code ls} of a
 * file (its chunks).
 */
class RefsAndFileLsTest {

    private static final String OCTETS = "application/octet-stream";
    private static final String HELLO = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";

    private final MemoryRepo store = new MemoryRepo();
    private final ContentBlocks blocks = new ContentBlocks(store);
    private final String big = "x".repeat(600_000);

    /** A wrapped tree: {@code d/b.txt} (hello world), {@code d/c.txt} (hello world again), {@code big} (3 chunks). */
    private Map<String, String> tree() throws Exception {
        Calls calls = Calls.run(new AddCommand(store, store), List.of(), Map.of("wrap-with-directory", List.of("true")),
                Calls.multipart("d", "application/x-directory", "", "d/b.txt", OCTETS, "hello world\n",
                        "d/c.txt", OCTETS, "hello world\n", "big", OCTETS, big));
        Map<String, String> cids = new java.util.HashMap<>();
        calls.json.forEach(o -> cids.put((String) ((Map<?, ?>) o).get("Name"), (String) ((Map<?, ?>) o).get("Hash")));
        return cids;
    }

    private List<String> refs(Map<String, List<String>> options, String... paths) throws Exception {
        Calls calls = Calls.run(new RefsCommand(blocks), List.of(paths), options, new byte[0]);
        return calls.json.stream().map(o -> {
            Map<?, ?> line = (Map<?, ?>) o;
            return line.get("Err").equals("") ? (String) line.get("Ref") : "Err: " + line.get("Err");
        }).toList();
    }

    @Test
    void directRefsAreTheLinksOfTheBlock() throws Exception {
        Map<String, String> cids = tree();
        assertEquals(List.of(cids.get("big"), cids.get("d")), refs(Map.of(), cids.get("")), "links in stored (name) order");
        assertEquals(List.of(HELLO, HELLO), refs(Map.of(), cids.get("d")), "a link per entry, duplicates kept");
        assertEquals(List.of("b.txt " + HELLO), refs(Map.of("format", List.of("<linkname> <dst>"), "unique",
                List.of("true")), cids.get("d")));
        assertEquals(List.of(), refs(Map.of(), HELLO), "a single-block file links nowhere");
    }

    @Test
    void recursiveRefsReachEveryBlockOnceWhenUnique() throws Exception {
        Map<String, String> cids = tree();
        List<String> all = refs(Map.of("recursive", List.of("true")), cids.get(""));
        assertEquals(2 + 3 + 2, all.size(), "big, its 3 chunks, d, and d's two (identical) entries: " + all);
        List<String> unique = refs(Map.of("recursive", List.of("true"), "unique", List.of("true")), cids.get(""));
        Set<Multihash> stored = new HashSet<>();
        store.forEach(stored::add);
        Set<Multihash> listed = new HashSet<>();
        unique.forEach(ref -> listed.add(Cid.parse(ref).multihash()));
        listed.add(Cid.parse(cids.get("")).multihash());
        assertEquals(stored, listed, "every stored block is the root or a unique ref");
        assertEquals(unique.size(), new HashSet<>(unique).size(), "unique lists each CID once");
        assertEquals(List.of(cids.get("big"), cids.get("d")), refs(Map.of("recursive", List.of("true"), "max-depth",
                List.of("1")), cids.get("")), "max-depth 1: the direct links only");
        assertTrue(refs(Map.of("edges", List.of("true")), cids.get("d")).contains(cids.get("d") + " -> " + HELLO));
    }

    @Test
    void aMissingBlockIsAnErrLineAndTheWalkGoesOn() throws Exception {
        Map<String, String> cids = tree();
        Cid chunk = Cid.parse(refs(Map.of(), cids.get("big")).get(0));
        store.delete(Cid.parse(cids.get("d")));
        List<String> lines = refs(Map.of("recursive", List.of("true"), "offline", List.of("true")), cids.get(""));
        assertTrue(lines.contains(chunk.toString()), "big's chunks listed: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Err: ") && l.contains(cids.get("d"))), lines.toString());
        assertThrows(RpcException.class, () -> refs(Map.of()), "a path is required");
        assertThrows(RpcException.class, () -> refs(Map.of("edges", List.of("true"), "format", List.of("<dst>")), HELLO),
                "edges and format exclude each other, as kubo's");
    }

    @Test
    void refsLocalListsEveryStoredBlockOnceAsCidV1Raw() throws Exception {
        tree();
        Calls calls = Calls.run(new RefsLocalCommand(store), List.of(), Map.of(), new byte[0]);
        Set<Multihash> stored = new HashSet<>();
        store.forEach(stored::add);
        List<Cid> listed = calls.json.stream().map(o -> Cid.parse((String) ((Map<?, ?>) o).get("Ref"))).toList();
        assertEquals(stored.size(), listed.size(), "each block once: " + listed);
        assertEquals(stored, new HashSet<>(listed.stream().map(Cid::multihash).toList()));
        assertTrue(listed.stream().allMatch(cid -> cid.toString().startsWith("bafkrei")), "kubo's keys: " + listed);
    }

    @Test
    void lsOfAFileListsItsChunksAsKubo() throws Exception {
        Map<String, String> cids = tree();
        Calls ls = Calls.run(new LsCommand(blocks), List.of(cids.get("big")), Map.of(), new byte[0]);
        List<?> links = (List<?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) ls.json.get(0)).get("Objects")).get(0)).get("Links");
        assertEquals(3, links.size(), links.toString());
        long total = 0;
        for (Object link : links) {
            Map<?, ?> chunk = (Map<?, ?>) link;
            assertEquals("", chunk.get("Name"));
            assertEquals(2, chunk.get("Type"));
            total += ((Number) chunk.get("Size")).longValue();
        }
        assertEquals(big.length(), total, "the chunks' sizes add up to the file's");
        Calls single = Calls.run(new LsCommand(blocks), List.of(HELLO), Map.of(), new byte[0]);
        assertTrue(single.json.toString().contains("Links=[]"), "a single-block file has no chunks: " + single.json);
    }

    @Test
    void lsOfARawBlockTheNodeLacksIsNotFoundAsKubo() throws Exception {
        String absent = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
        RpcException missing = assertThrows(RpcException.class, () -> Calls.run(new LsCommand(blocks), List.of(absent),
                Map.of("offline", List.of("true")), new byte[0]), "not an empty listing of a block nobody has");
        assertTrue(missing.getMessage().contains("block not found"), missing.getMessage());
        Calls stored = Calls.run(new BlockPutCommand(store), List.of(), Map.of(),
                Calls.multipart("data", OCTETS, "raw bytes"));
        String raw = (String) ((Map<?, ?>) stored.json.get(0)).get("Key");
        Calls ls = Calls.run(new LsCommand(blocks), List.of(raw), Map.of("offline", List.of("true")), new byte[0]);
        assertTrue(ls.json.toString().contains("Links=[]"), "a stored raw block has no chunks: " + ls.json);
    }
}
