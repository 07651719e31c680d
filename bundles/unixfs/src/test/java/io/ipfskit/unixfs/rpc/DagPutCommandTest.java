package io.ipfskit.unixfs.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.codec.internal.DagCborLinks;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.unixfs.testing.MemoryRepo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DagPutCommandTest {

    /** {"hello":"world"} in dag-cbor. */
    private static final String HELLO_CBOR = "\u00a1\u0065hello\u0065world";
    private static final Map<String, List<String>> AS_CLIENT_SENDS =
            Map.of("store-codec", List.of("dag-cbor"), "input-codec", List.of("dag-cbor"));

    private final MemoryRepo store = new MemoryRepo();
    private final DagPutCommand put = new DagPutCommand(store);

    DagPutCommandTest() {
        put.addWalker(new DagCborLinks());
    }

    @Test
    void storesADagCborBlockAndAnswersKubosShape() throws Exception {
        byte[] bytes = HELLO_CBOR.getBytes(StandardCharsets.ISO_8859_1);
        Cid cid = Cid.v1(Multicodec.DAG_CBOR, Multihash.sha256(bytes));
        Calls calls = Calls.run(put, List.of(), AS_CLIENT_SENDS, Calls.multipart("blob", "application/octet-stream", HELLO_CBOR));
        assertEquals(List.of(Map.of("Cid", Map.of("/", cid.toString()))), calls.json);
        assertArrayEquals(bytes, store.get(cid).orElseThrow());
    }

    @Test
    void aBlockItsCodecCannotReadIsRefusedAndNotStored() {
        String truncated = HELLO_CBOR.substring(0, HELLO_CBOR.length() - 2);
        RpcException refused = assertThrows(RpcException.class, () -> Calls.run(put, List.of(), AS_CLIENT_SENDS,
                Calls.multipart("blob", "application/octet-stream", truncated)));
        assertEquals(RpcException.Kind.CLIENT, refused.kind());
        assertEquals(0, store.count());
    }

    @Test
    void kubosDefaultsTranscodeDagJsonIntoDagCbor() throws Exception {
        byte[] bytes = HELLO_CBOR.getBytes(StandardCharsets.ISO_8859_1);
        Cid cid = Cid.v1(Multicodec.DAG_CBOR, Multihash.sha256(bytes));
        Calls calls = Calls.run(put, List.of(), Map.of(),
                Calls.multipart("b", "application/json", "{ \"hello\" : \"world\" }"));
        assertEquals(List.of(Map.of("Cid", Map.of("/", cid.toString()))), calls.json);
        assertArrayEquals(bytes, store.get(cid).orElseThrow(), "the canonical dag-cbor of the same data");
    }

    @Test
    void unconvertibleAndUnknownCodecsAreClientErrors() {
        RpcException toDagPb = assertThrows(RpcException.class, () -> Calls.run(put, List.of(),
                Map.of("store-codec", List.of("dag-pb")), Calls.multipart("b", "application/json", "{}")));
        assertEquals(RpcException.Kind.CLIENT, toDagPb.kind());
        assertTrue(toDagPb.getMessage().contains("cannot convert dag-json to dag-pb"), toDagPb.getMessage());
        DagPutCommand bare = new DagPutCommand(store);
        Map<String, List<String>> raw = Map.of("store-codec", List.of("raw"), "input-codec", List.of("raw"));
        assertEquals(RpcException.Kind.CLIENT, assertThrows(RpcException.class, () -> Calls.run(bare, List.of(),
                raw, Calls.multipart("b", "application/octet-stream", "x"))).kind(), "no walker for the codec");
        assertEquals(0, store.count());
    }
}
