package io.ipfskit.storage.tiered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.storage.tiered.rpc.PinAddCommand;
import io.ipfskit.storage.tiered.rpc.PinLsCommand;
import io.ipfskit.storage.tiered.rpc.PinRmCommand;
import io.ipfskit.storage.tiered.rpc.RepoGcCommand;
import io.ipfskit.storage.tiered.rpc.TiersCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageCommandsTest {

    @TempDir
    Path repo;

    private TieredBlockstore store;
    private final byte[] kept = {1, 2, 3};
    private final byte[] loose = {4, 5};

    private static Cid raw(byte[] data) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(data));
    }

    @BeforeEach
    void open() throws IOException {
        store = Stores.open(repo, () -> 0);
        store.addTier(new MapTier("flatfs", 1000, true), Map.of("service.ranking", 100));
        store.put(raw(kept), kept);
        store.put(raw(loose), loose);
    }

    private static List<Object> run(RpcCommand command, List<String> args, Map<String, List<String>> options)
            throws RpcException, IOException {
        List<Object> replies = new ArrayList<>();
        command.execute(new RpcRequest("t", args, options, new ByteArrayInputStream(new byte[0]), null), new RpcResponse() {
            @Override
            public void json(Object value) {
                replies.add(value);
            }

            @Override
            public JsonStream jsonStream() {
                return replies::add;
            }

            @Override
            public OutputStream bytes(String contentType) {
                throw new AssertionError("no bytes expected");
            }
        });
        return replies;
    }

    @Test
    void pinListGcAndUnpin() throws Exception {
        String cid = raw(kept).toString();
        assertEquals(List.of(Map.of("Pins", List.of(cid))), run(new PinAddCommand(store), List.of(cid), Map.of()));
        assertEquals(List.of(Map.of("Keys", Map.of(cid, Map.of("Type", "recursive")))),
                run(new PinLsCommand(store), List.of(), Map.of()));
        assertEquals(List.of(Map.of("Keys", Map.of())), run(new PinLsCommand(store), List.of(), Map.of("type", List.of("direct"))));
        assertEquals(List.of(Map.of("Key", Map.of("/", raw(loose).toString()))),
                run(new RepoGcCommand(store), List.of(), Map.of()));
        assertEquals(List.of(Map.of("Pins", List.of(cid))), run(new PinRmCommand(store), List.of(cid), Map.of()));
        assertEquals(RpcException.Kind.CLIENT,
                assertThrows(RpcException.class, () -> run(new PinRmCommand(store), List.of(cid), Map.of())).kind());
    }

    @Test
    void pinningMissingContentIsNotFound() {
        String missing = raw(new byte[] {9}).toString();
        assertEquals(RpcException.Kind.NOT_FOUND,
                assertThrows(RpcException.class, () -> run(new PinAddCommand(store), List.of(missing), Map.of())).kind());
        assertEquals(RpcException.Kind.CLIENT,
                assertThrows(RpcException.class, () -> run(new PinAddCommand(store), List.of("zzz"), Map.of())).kind());
    }

    @Test
    void tiersReportsCounters() throws Exception {
        assertEquals(List.of(Map.of("Tiers", store.tierStats())), run(new TiersCommand(store), List.of(), Map.of()));
        assertEquals(2, store.tierStats().get(0).items());
    }
}
