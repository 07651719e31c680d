package io.ipfskit.dht.kad.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final PeerId PEER = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
    private static final Multiaddr ADDRESS = Multiaddr.parse("/ip4/1.2.3.4/tcp/4001");

    @Test
    void encodesAsProto3LeavingZeroValuesOut() {
        assertEquals("08041203616263", hex(MessageCodec.encode(KadMessage.request(MessageType.FIND_NODE, "abc".getBytes()))));
        assertEquals("1201ff", hex(MessageCodec.encode(KadMessage.request(MessageType.PUT_VALUE, new byte[] {-1}))));
        assertEquals("03" + "1201ff", hex(MessageCodec.frame(KadMessage.request(MessageType.PUT_VALUE, new byte[] {-1}))));
    }

    @Test
    void everyFieldSurvivesARoundTrip() throws Exception {
        KadMessage message = new KadMessage(MessageType.GET_VALUE, 7, "/pk/x".getBytes(),
                new WireRecord("/pk/x".getBytes(), new byte[] {1, 2, 3}, "2026-01-01T00:00:00Z"),
                List.of(new WirePeer(PEER, List.of(ADDRESS), ConnectionType.CONNECTED)), List.of(WirePeer.of(PEER, List.of())));
        KadMessage back = MessageCodec.decode(MessageCodec.encode(message));
        assertEquals(MessageType.GET_VALUE, back.type());
        assertEquals(7, back.clusterLevelRaw());
        assertArrayEquals(message.key(), back.key());
        assertArrayEquals(new byte[] {1, 2, 3}, back.record().value());
        assertEquals("2026-01-01T00:00:00Z", back.record().timeReceived());
        assertEquals(message.closerPeers(), back.closerPeers());
        assertEquals(message.providerPeers(), back.providerPeers());
        assertArrayEquals(MessageCodec.encode(message), MessageCodec.encode(back));
    }

    @Test
    void unknownFieldsAreSkippedAndUnparsablePeersAndAddressesDropped() throws Exception {
        byte[] goodPeer = peer(PEER.bytes(), List.of(ADDRESS.bytes(), new byte[] {(byte) 0xff, 1}));
        byte[] badPeer = peer(new byte[] {1, 2, 3}, List.of(ADDRESS.bytes()));
        byte[] body = fields(o -> {
            o.writeEnum(1, MessageType.FIND_NODE.number());
            o.writeUInt64(15, 99);
            o.writeByteArray(16, new byte[] {9, 9});
            o.writeByteArray(8, badPeer);
            o.writeByteArray(8, goodPeer);
        });
        KadMessage m = MessageCodec.decode(body);
        assertEquals(List.of(new WirePeer(PEER, List.of(ADDRESS), ConnectionType.NOT_CONNECTED)), m.closerPeers());
    }

    @Test
    void onlyTheFirst32AddressesOfAPeerAreKept() throws Exception {
        List<byte[]> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(Multiaddr.parse("/ip4/1.2.3.4/tcp/" + (1000 + i)).bytes());
        }
        byte[] body = fields(o -> o.writeByteArray(9, peer(PEER.bytes(), many)));
        assertEquals(MessageCodec.MAX_ADDRESSES, MessageCodec.decode(body).providerPeers().get(0).addresses().size());
    }

    @Test
    void tenThousandCloserPeersAreAProtocolError() {
        byte[] one = peer(PEER.bytes(), List.of(ADDRESS.bytes()));
        byte[] body = fields(o -> {
            for (int i = 0; i < 10_000; i++) {
                o.writeByteArray(8, one);
            }
        });
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(body));
        assertTrue(e.getMessage().contains("closer peers"), e.getMessage());
        byte[] atTheBound = fields(o -> {
            for (int i = 0; i < MessageCodec.MAX_CLOSER_PEERS; i++) {
                o.writeByteArray(8, one);
            }
        });
        assertDoesNotThrowMalformed(atTheBound);
    }

    @Test
    void malformedInputsAreProtocolErrors() {
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(fields(o -> o.writeByteArray(1, new byte[2]))));
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(fields(o -> o.writeEnum(1, 6))));
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(fields(o -> o.writeByteArray(2,
                new byte[MessageCodec.MAX_KEY + 1]))));
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(new byte[] {0x12, 0x05, 1}));
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(new byte[MessageCodec.MAX_MESSAGE + 1]));
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.encode(new KadMessage(MessageType.PUT_VALUE, 0,
                new byte[1], new WireRecord(new byte[1], new byte[MessageCodec.MAX_MESSAGE], ""), List.of(), List.of())));
    }

    @Test
    void framesAreSplitHoweverTheBytesArriveAndLengthsAreBounded() throws Exception {
        byte[] a = MessageCodec.frame(KadMessage.request(MessageType.FIND_NODE, "abc".getBytes()));
        byte[] b = MessageCodec.frame(KadMessage.request(MessageType.PING, null));
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(a);
        both.writeBytes(b);
        FrameReader reader = new FrameReader();
        List<byte[]> frames = new ArrayList<>();
        for (byte x : both.toByteArray()) {
            reader.feed(new byte[] {x}, frames::add);
        }
        assertEquals(2, frames.size());
        assertEquals(MessageType.FIND_NODE, MessageCodec.decode(frames.get(0)).type());
        assertEquals(MessageType.PING, MessageCodec.decode(frames.get(1)).type());
        byte[] tooLong = {(byte) 0x81, (byte) 0x80, (byte) 0x80, 0x02};
        assertThrows(MalformedMessageException.class, () -> new FrameReader().feed(tooLong, f -> { }));
        byte[] longPrefix = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0};
        assertThrows(MalformedMessageException.class, () -> new FrameReader().feed(longPrefix, f -> { }));
    }

    private static void assertDoesNotThrowMalformed(byte[] body) {
        try {
            assertEquals(MessageCodec.MAX_CLOSER_PEERS, MessageCodec.decode(body).closerPeers().size());
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] peer(byte[] id, List<byte[]> addresses) {
        return fields(o -> {
            o.writeByteArray(1, id);
            for (byte[] a : addresses) {
                o.writeByteArray(2, a);
            }
        });
    }

    static byte[] fields(Fields f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            f.write(o);
            o.flush();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
