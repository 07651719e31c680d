package io.ipfskit.protocol.pubsub.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pubsub RPC's encoding, field for field as go's rpc.proto, and the decoder's bounds. */
class RpcCodecTest {

    @Test
    void everyFieldRoundTrips() throws Exception {
        Rpc rpc = new Rpc(List.of(new Rpc.Subscription(true, "a"), new Rpc.Subscription(false, "b")),
                List.of(new Rpc.Message(new byte[] {1}, new byte[0], new byte[] {2}, List.of("a"), new byte[] {3},
                        null)),
                new Rpc.Control(List.of(new Rpc.IHave("a", List.of("x", "y"))), List.of(new Rpc.IWant(List.of("z"))),
                        List.of("a"), List.of(new Rpc.Prune("b", List.of(new Rpc.PeerExchange(new byte[] {9}, null)),
                                60))));
        Rpc back = RpcCodec.decode(RpcCodec.encode(rpc));
        assertEquals(rpc.subscriptions(), back.subscriptions());
        Rpc.Message m = back.publish().get(0);
        assertArrayEquals(new byte[0], m.data(), "present but empty data stays present");
        assertNull(m.key());
        assertEquals(List.of("a"), m.topics());
        assertEquals(List.of("x", "y"), back.control().ihave().get(0).messageIds());
        assertEquals(List.of("z"), back.control().iwant().get(0).messageIds());
        assertEquals(List.of("a"), back.control().graft());
        assertEquals(60, back.control().prune().get(0).backoffSeconds());
        assertArrayEquals(new byte[] {9}, back.control().prune().get(0).peers().get(0).peerId());
    }

    @Test
    void aMessageEncodesAsGoDoesFieldsInOrder() {
        Rpc.Message m = new Rpc.Message(new byte[] {1}, "hi".getBytes(StandardCharsets.UTF_8), new byte[] {2},
                List.of("t"), null, null);
        assertEquals("0a0101" + "12026869" + "1a0102" + "220174", HexFormat.of().formatHex(RpcCodec.encode(m)));
    }

    @Test
    void anRpcLargerThanTheBoundIsRefused() {
        assertThrows(MalformedRpcException.class, () -> RpcCodec.decode(new byte[RpcCodec.MAX_RPC + 1]));
    }

    @Test
    void tooManySubscriptionsAreRefused() {
        List<Rpc.Subscription> many = Collections.nCopies(RpcCodec.MAX_SUBSCRIPTIONS + 1,
                new Rpc.Subscription(true, "t"));
        byte[] body = RpcCodec.encode(new Rpc(many, List.of(), Rpc.Control.EMPTY));
        assertThrows(MalformedRpcException.class, () -> RpcCodec.decode(body));
    }

    @Test
    void aTopicLongerThanTheBoundIsRefused() {
        byte[] body = RpcCodec.encode(new Rpc(List.of(new Rpc.Subscription(true, "x".repeat(RpcCodec.MAX_TOPIC + 1))),
                List.of(), Rpc.Control.EMPTY));
        assertThrows(MalformedRpcException.class, () -> RpcCodec.decode(body));
    }

    @Test
    void messageIdsBeyondTheBoundAreSkippedAcrossIhaveAndIwant() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < RpcCodec.MAX_MESSAGE_IDS; i++) {
            ids.add(Integer.toString(i));
        }
        Rpc rpc = new Rpc(List.of(), List.of(), new Rpc.Control(List.of(new Rpc.IHave("t", ids.subList(0, 4000))),
                List.of(new Rpc.IWant(ids)), List.of(), List.of()));
        Rpc back = RpcCodec.decode(RpcCodec.encode(rpc));
        assertEquals(4000, back.control().ihave().get(0).messageIds().size());
        assertEquals(RpcCodec.MAX_MESSAGE_IDS - 4000, back.control().iwant().get(0).messageIds().size());
    }

    @Test
    void exchangedPeersBeyondTheBoundAreSkipped() throws Exception {
        List<Rpc.PeerExchange> peers = Collections.nCopies(100, new Rpc.PeerExchange(new byte[] {1}, null));
        Rpc rpc = new Rpc(List.of(), List.of(), new Rpc.Control(List.of(), List.of(), List.of(),
                List.of(new Rpc.Prune("t", peers, 0))));
        assertEquals(RpcCodec.MAX_EXCHANGED_PEERS,
                RpcCodec.decode(RpcCodec.encode(rpc)).control().prune().get(0).peers().size());
    }

    @Test
    void aWrongWireTypeIsMalformed() {
        assertThrows(MalformedRpcException.class, () -> RpcCodec.decode(new byte[] {0x08, 0x01}));
    }
}
