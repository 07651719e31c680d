package io.ipfskit.unixfs.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.exchange.BlockSession;
import io.ipfskit.api.exchange.FetchOptions;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.unixfs.testing.MemoryRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCommandsTest {

    private static final String HELLO = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";
    private static final String OCTETS = "application/octet-stream";

    private final MemoryRepo store = new MemoryRepo();
    private final ContentBlocks blocks = new ContentBlocks(store);

    @Test
    void addGivesKubosCidAndPins() throws Exception {
        Calls calls = Calls.run(new AddCommand(store, store), List.of(), Map.of(),
                Calls.multipart("hello.txt", OCTETS, "hello world\n"));
        assertEquals(List.of(Map.of("Name", "hello.txt", "Hash", HELLO, "Size", "20")), calls.json);
        assertEquals(Map.of(Cid.parse(HELLO), PinType.RECURSIVE), store.pins());
        assertEquals(0, store.unguardedPuts(), "GC was held off from the first block to the pin");
    }

    @Test
    void addAnnouncesTheRootsItStored() throws Exception {
        List<Cid> announced = new ArrayList<>();
        AddCommand add = new AddCommand(store, store);
        add.routing = new RecordingRouting(announced);
        Calls.run(add, List.of(), Map.of(), Calls.multipart("hello.txt", OCTETS, "hello world\n"));
        assertEquals(List.of(Cid.parse(HELLO)), announced);
        Calls.run(add, List.of(), Map.of("only-hash", List.of("true")), Calls.multipart("x", OCTETS, "other\n"));
        assertEquals(1, announced.size(), "only-hash stores and announces nothing");
    }

    @Test
    void addStreamsProgressEvents() throws Exception {
        String big = "x".repeat(600_000);
        Calls calls = Calls.run(new AddCommand(store, store), List.of(), Map.of("progress", List.of("true")),
                Calls.multipart("big", OCTETS, big));
        assertEquals(List.of(Map.of("Name", "big", "Bytes", 262144L), Map.of("Name", "big", "Bytes", 524288L),
                Map.of("Name", "big", "Bytes", 600000L)), calls.json.subList(0, 3));
        assertEquals(4, calls.json.size());
        assertEquals("big", ((Map<?, ?>) calls.json.get(3)).get("Name"));
    }

    @Test
    void addsDirectoriesAndWraps() throws Exception {
        Calls calls = Calls.run(new AddCommand(store, store), List.of(), Map.of("wrap-with-directory", List.of("true")),
                Calls.multipart("d", "application/x-directory", "", "d/b.txt", OCTETS, "hello world\n",
                        "d/e", "application/x-directory", "", "a.txt", OCTETS, ""));
        List<String> names = calls.json.stream().map(o -> (String) ((Map<?, ?>) o).get("Name")).toList();
        assertEquals(List.of("d/b.txt", "a.txt", "d/e", "d", ""), names);
        String wrapper = (String) ((Map<?, ?>) calls.json.get(4)).get("Hash");
        Calls cat = Calls.run(new CatCommand(blocks), List.of("/ipfs/" + wrapper + "/d/b.txt"), Map.of(), new byte[0]);
        assertEquals("hello world\n", cat.bytes.toString(StandardCharsets.US_ASCII));
        Calls ls = Calls.run(new LsCommand(blocks), List.of(wrapper + "/d"), Map.of(), new byte[0]);
        assertTrue(ls.json.toString().contains("Name=b.txt, Hash=" + HELLO + ", Size=12, Type=2"), ls.json.toString());
        assertTrue(ls.json.toString().contains("Name=e, Hash=QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn, Size=0, Type=1"));
    }

    @Test
    void getSendsATarThatTarExtracts(@TempDir Path dir) throws Exception {
        String longName = "n".repeat(120);
        Calls added = Calls.run(new AddCommand(store, store), List.of(), Map.of("wrap-with-directory", List.of("true")),
                Calls.multipart("d", "application/x-directory", "", "d/" + longName, OCTETS, "hello world\n",
                        "d/e", "application/x-directory", "", "top.txt", OCTETS, "x".repeat(1000),
                        "link", "application/symlink", "d/" + longName));
        String wrapper = (String) ((Map<?, ?>) added.json.get(added.json.size() - 1)).get("Hash");
        Path archive = dir.resolve("out.tar");
        Files.write(archive, Calls.run(new GetCommand(blocks), List.of("/ipfs/" + wrapper), Map.of(), new byte[0])
                .bytes.toByteArray());
        Process tar = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", dir.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        assertEquals("hello world\n", Files.readString(dir.resolve(wrapper).resolve("d").resolve(longName)));
        assertEquals("x".repeat(1000), Files.readString(dir.resolve(wrapper).resolve("top.txt")));
        assertTrue(Files.isDirectory(dir.resolve(wrapper).resolve("d").resolve("e")));
        assertEquals(Path.of("d", longName), Files.readSymbolicLink(dir.resolve(wrapper).resolve("link")));
        Calls ls = Calls.run(new LsCommand(blocks), List.of(wrapper), Map.of(), new byte[0]);
        assertTrue(ls.json.toString().contains("Name=link, Hash=") && ls.json.toString().contains("Size=0, Type=4, Target=d/n"),
                ls.json.toString());
    }

    @Test
    void catHonoursOffsetAndLengthAndReportsMissingContent() throws Exception {
        Calls.run(new AddCommand(store, store), List.of(), Map.of(), Calls.multipart("h", OCTETS, "hello world\n"));
        Calls cat = Calls.run(new CatCommand(blocks), List.of(HELLO), Map.of("offset", List.of("6"), "length", List.of("5")),
                new byte[0]);
        assertEquals("world", cat.bytes.toString(StandardCharsets.US_ASCII));
        RpcException missing = assertThrows(RpcException.class, () -> Calls.run(new CatCommand(blocks),
                List.of("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn"), Map.of(), new byte[0]));
        assertEquals(RpcException.Kind.NOT_FOUND, missing.kind());
        assertEquals(RpcException.Kind.CLIENT, assertThrows(RpcException.class,
                () -> Calls.run(new CatCommand(blocks), List.of("nonsense"), Map.of(), new byte[0])).kind());
    }

    @Test
    void blockPutGetStatRm() throws Exception {
        Calls put = Calls.run(new BlockPutCommand(store), List.of(), Map.of(), Calls.multipart("b", OCTETS, "hello"));
        Map<?, ?> reply = (Map<?, ?>) put.json.get(0);
        String key = (String) reply.get("Key");
        assertEquals("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq", key);
        assertEquals(5, reply.get("Size"));
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII),
                Calls.run(new BlockGetCommand(blocks), List.of(key), Map.of(), new byte[0]).bytes.toByteArray());
        assertEquals(Map.of("Key", key, "Size", 5),
                Calls.run(new BlockStatCommand(blocks), List.of(key), Map.of(), new byte[0]).json.get(0));
        assertEquals(List.of(Map.of("Hash", key), Map.of("Hash", key, "Error", "block not found: " + key)),
                Calls.run(new BlockRmCommand(store), List.of(key, key), Map.of(), new byte[0]).json);
        assertEquals(RpcException.Kind.CLIENT, assertThrows(RpcException.class, () -> Calls.run(new BlockPutCommand(store),
                List.of(), Map.of("cid-codec", List.of("nope")), Calls.multipart("b", OCTETS, "x"))).kind());
    }

    @Test
    void dagExportThenImportRoundTrips() throws Exception {
        Cid cid = Cid.parse((String) ((Map<?, ?>) Calls.run(new AddCommand(store, store), List.of(),
                Map.of("chunker", List.of("size-4")), Calls.multipart("h", OCTETS, "hello world\n")).json.get(0)).get("Hash"));
        byte[] car = Calls.run(new DagExportCommand(blocks), List.of(cid.toString()), Map.of(), new byte[0]).bytes.toByteArray();
        MemoryRepo other = new MemoryRepo();
        String part = new String(car, StandardCharsets.ISO_8859_1);
        Calls imported = Calls.run(new DagImportCommand(other, other), List.of(), Map.of(),
                Calls.multipart("x.car", "application/vnd.ipld.car", part));
        assertEquals(List.of(Map.of("Root", Map.of("Cid", Map.of("/", cid.toString()), "PinErrorMsg", ""))), imported.json);
        assertEquals(keys(store), keys(other));
        assertEquals(4, keys(other).size(), "three chunks and their root");
        assertEquals(0, other.unguardedPuts(), "GC was held off from the first block to the pin");
        byte[] corrupt = car.clone();
        corrupt[corrupt.length - 1] ^= 1;
        MemoryRepo third = new MemoryRepo();
        assertEquals(RpcException.Kind.CLIENT, assertThrows(RpcException.class, () -> Calls.run(new DagImportCommand(third, third),
                List.of(), Map.of(), Calls.multipart("x.car", "application/vnd.ipld.car",
                        new String(corrupt, StandardCharsets.ISO_8859_1)))).kind());
        assertTrue(keys(third).isEmpty() && third.pins().isEmpty());
    }

    @Test
    void readsFetchWhatTheNodeLacksThroughTheBlockServiceWithTheRequestsOptions() throws Exception {
        MemoryRepo remote = new MemoryRepo();
        Cid cid = Cid.parse((String) ((Map<?, ?>) Calls.run(new AddCommand(remote, remote), List.of(),
                Map.of("chunker", List.of("size-4")), Calls.multipart("h", OCTETS, "hello world\n")).json.get(0)).get("Hash"));
        List<FetchOptions> asked = new ArrayList<>();
        blocks.service = options -> {
            asked.add(options);
            return new BlockSession() {
                @Override
                public byte[] get(Cid wanted) throws IOException {
                    Optional<byte[]> block = store.get(wanted).or(() -> options.offline() ? Optional.empty() : remote.get(wanted));
                    if (block.isEmpty()) {
                        throw new NoSuchFileException(wanted.toString(), null, "block not found");
                    }
                    return block.get();
                }

                @Override
                public void prefetch(List<Cid> cids) {
                }

                @Override
                public long bytesFetched() {
                    return 0;
                }

                @Override
                public void close() {
                }
            };
        };
        assertEquals("hello world\n", Calls.run(new CatCommand(blocks), List.of(cid.toString()),
                Map.of("timeout", List.of("1m30s")), new byte[0]).bytes.toString(StandardCharsets.UTF_8));
        assertEquals(new FetchOptions(Duration.ofSeconds(90), false, Long.MAX_VALUE), asked.get(0));
        assertEquals(RpcException.Kind.NOT_FOUND, assertThrows(RpcException.class, () -> Calls.run(new CatCommand(blocks),
                List.of(cid.toString()), Map.of("offline", List.of("true")), new byte[0])).kind());
        assertTrue(asked.get(1).offline());
        assertEquals(RpcException.Kind.CLIENT, assertThrows(RpcException.class, () -> Calls.run(new CatCommand(blocks),
                List.of(cid.toString()), Map.of("timeout", List.of("soon")), new byte[0])).kind());
    }

    private static Set<Multihash> keys(MemoryRepo repo) {
        Set<Multihash> keys = new HashSet<>();
        repo.forEach(keys::add);
        return keys;
    }
}
