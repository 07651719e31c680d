package io.ipfskit.protocol.bitswap.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    private static final Cid RAW = Cid.v1(Multicodec.RAW, Multihash.sha256(HELLO));
    private static final Cid V0 = Cid.v0(Multihash.sha256("node".getBytes(StandardCharsets.UTF_8)));

    /** Bytes written by hand from boxo's message.proto, field by field. */
    private static byte[] golden() {
        byte[] raw = RAW.bytes();
        byte[] v0 = V0.bytes();
        ByteArrayOutputStream entry1 = new ByteArrayOutputStream();
        entry1.write(0x0a); // Entry.block, length-delimited
        entry1.write(raw.length);
        entry1.writeBytes(raw);
        entry1.writeBytes(new byte[] {0x10, 0x01}); // priority 1
        entry1.writeBytes(new byte[] {0x20, 0x01}); // wantType Have
        entry1.writeBytes(new byte[] {0x28, 0x01}); // sendDontHave true
        ByteArrayOutputStream entry2 = new ByteArrayOutputStream();
        entry2.write(0x0a);
        entry2.write(v0.length);
        entry2.writeBytes(v0);
        entry2.writeBytes(new byte[] {0x18, 0x01}); // cancel true
        ByteArrayOutputStream wantlist = new ByteArrayOutputStream();
        wantlist.write(0x0a); // Wantlist.entries
        wantlist.write(entry1.size());
        wantlist.writeBytes(entry1.toByteArray());
        wantlist.write(0x0a);
        wantlist.write(entry2.size());
        wantlist.writeBytes(entry2.toByteArray());
        wantlist.writeBytes(new byte[] {0x10, 0x01}); // full true
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(new byte[] {0x0a, 0x04, 0x01, 0x55, 0x12, 0x20}); // prefix: CIDv1, raw, sha2-256, 32 bytes
        payload.write(0x12); // data
        payload.write(HELLO.length);
        payload.writeBytes(HELLO);
        ByteArrayOutputStream presence = new ByteArrayOutputStream();
        presence.write(0x0a);
        presence.write(raw.length);
        presence.writeBytes(raw);
        presence.writeBytes(new byte[] {0x10, 0x01}); // DontHave
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(0x0a); // Message.wantlist
        message.write(wantlist.size());
        message.writeBytes(wantlist.toByteArray());
        message.write(0x1a); // Message.payload
        message.write(payload.size());
        message.writeBytes(payload.toByteArray());
        message.write(0x22); // Message.blockPresences
        message.write(presence.size());
        message.writeBytes(presence.toByteArray());
        message.writeBytes(new byte[] {0x28, 0x07}); // pendingBytes 7
        return message.toByteArray();
    }

    private static BitswapMessage goldenMessage() {
        return new BitswapMessage(List.of(WantEntry.want(RAW, 1, WantType.HAVE, true), WantEntry.cancel(V0)), true,
                List.of(WireBlock.of(RAW, HELLO)), List.of(new Presence(RAW, false)), 7);
    }

    @Test
    void encodesExactlyTheBytesOfTheProto() {
        assertEquals(HexFormat.of().formatHex(golden()),
                HexFormat.of().formatHex(MessageCodec.encode(goldenMessage(), Dialect.V120)));
    }

    @Test
    void decodesTheBytesOfTheProto() throws Exception {
        BitswapMessage m = MessageCodec.decode(golden());
        assertEquals(List.of(WantEntry.want(RAW, 1, WantType.HAVE, true), WantEntry.cancel(V0)), m.wantlist());
        assertTrue(m.full());
        assertEquals(1, m.blocks().size());
        assertEquals(new CidPrefix(1, Multicodec.RAW, Multicodec.SHA2_256, 32), m.blocks().get(0).prefix());
        assertArrayEquals(HELLO, m.blocks().get(0).data());
        assertEquals(RAW, m.blocks().get(0).prefix().cidOf(m.blocks().get(0).data()));
        assertEquals(List.of(new Presence(RAW, false)), m.presences());
        assertEquals(7, m.pendingBytes());
    }

    @Test
    void version100CarriesPlainBlocksAndNeitherWantTypesNorPresences() throws Exception {
        byte[] bytes = MessageCodec.encode(goldenMessage(), Dialect.V100);
        BitswapMessage m = MessageCodec.decode(bytes);
        assertEquals(List.of(WantEntry.want(RAW, 1, WantType.BLOCK, false), WantEntry.cancel(V0)), m.wantlist());
        assertNull(m.blocks().get(0).prefix());
        assertArrayEquals(HELLO, m.blocks().get(0).data());
        assertTrue(m.presences().isEmpty());
        assertEquals(0, m.pendingBytes());
        // the plain block is field 2 (repeated bytes): tag 0x12, length 5, "hello"
        assertTrue(HexFormat.of().formatHex(bytes).contains("120568656c6c6f"));
    }

    @Test
    void version110CarriesPrefixesButNoPresences() throws Exception {
        BitswapMessage m = MessageCodec.decode(MessageCodec.encode(goldenMessage(), Dialect.V110));
        assertEquals(CidPrefix.of(RAW), m.blocks().get(0).prefix());
        assertTrue(m.presences().isEmpty());
        assertEquals(WantType.BLOCK, m.wantlist().get(0).type());
    }

    @Test
    void skipsUnknownFieldsAtEveryLevel() throws Exception {
        ByteArrayOutputStream withExtras = new ByteArrayOutputStream();
        withExtras.writeBytes(golden());
        withExtras.writeBytes(new byte[] {(byte) 0xb8, 0x06, 0x05}); // field 103, varint
        withExtras.writeBytes(new byte[] {0x32, 0x02, 0x01, 0x02}); // field 6, length-delimited
        withExtras.writeBytes(new byte[] {0x3d, 1, 2, 3, 4}); // field 7, fixed32
        BitswapMessage m = MessageCodec.decode(withExtras.toByteArray());
        assertEquals(2, m.wantlist().size());
        byte[] raw = RAW.bytes();
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        nested.write(0x0a);
        nested.write(raw.length + 4);
        nested.write(0x0a);
        nested.write(raw.length);
        nested.writeBytes(raw);
        nested.writeBytes(new byte[] {0x30, 0x09}); // Entry field 6, unknown
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(0x0a);
        message.write(nested.size());
        message.writeBytes(nested.toByteArray());
        BitswapMessage one = MessageCodec.decode(message.toByteArray());
        assertEquals(List.of(WantEntry.want(RAW, 0, WantType.BLOCK, false)), one.wantlist());
    }

    @Test
    void roundTripsEveryDialectThroughFraming() throws Exception {
        for (Dialect d : Dialect.values()) {
            byte[] framed = MessageCodec.frame(goldenMessage(), d);
            List<byte[]> frames = new ArrayList<>();
            FrameReader reader = new FrameReader();
            for (byte b : framed) {
                reader.feed(new byte[] {b}, frames::add);
            }
            assertEquals(1, frames.size(), d.name());
            assertArrayEquals(MessageCodec.encode(goldenMessage(), d), frames.get(0), d.name());
        }
    }

    @Test
    void framesSplitAndJoinedAnyHowComeOutWhole() throws Exception {
        byte[] one = MessageCodec.frame(BitswapMessage.wants(List.of(WantEntry.cancel(RAW)), false), Dialect.V120);
        byte[] big = MessageCodec.frame(BitswapMessage.response(List.of(WireBlock.of(RAW, new byte[300_000])), List.of(), 0),
                Dialect.V120);
        byte[] empty = {0};
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(one);
        all.writeBytes(big);
        all.writeBytes(empty);
        all.writeBytes(one);
        byte[] stream = all.toByteArray();
        List<byte[]> frames = new ArrayList<>();
        FrameReader reader = new FrameReader();
        for (int i = 0; i < stream.length; i += 7777) {
            reader.feed(java.util.Arrays.copyOfRange(stream, i, Math.min(stream.length, i + 7777)), frames::add);
        }
        assertEquals(4, frames.size());
        assertEquals(300_000, MessageCodec.decode(frames.get(1)).blocks().get(0).data().length);
        assertEquals(0, frames.get(2).length);
        assertTrue(MessageCodec.decode(frames.get(2)).isEmpty());
    }

    @Test
    void aLengthAboveFourMebibytesIsRefusedBeforeAnyBody() {
        byte[] prefix = io.ipfskit.multiformats.Varint.encode(MessageCodec.MAX_MESSAGE + 1);
        assertThrows(MalformedMessageException.class, () -> new FrameReader().feed(prefix, f -> { }));
        byte[] exact = io.ipfskit.multiformats.Varint.encode(MessageCodec.MAX_MESSAGE);
        List<byte[]> frames = new ArrayList<>();
        assertThrowsNothing(() -> new FrameReader().feed(exact, frames::add));
        assertTrue(frames.isEmpty());
        assertThrows(MalformedMessageException.class,
                () -> new FrameReader().feed(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01}, f -> { }));
    }

    @Test
    void malformedMessagesAreProtocolErrors() {
        List<byte[]> bad = List.of(
                new byte[] {0x0a, 0x05, 0x01}, // truncated wantlist
                new byte[] {0x08, 0x01}, // wantlist as a varint
                new byte[] {0x0a, 0x02, 0x0a, 0x00}, // entry without a CID
                new byte[] {0x0a, 0x06, 0x0a, 0x04, 0x0a, 0x02, 0x01, 0x02}, // CID of two bytes
                new byte[] {0x1a, 0x02, 0x12, 0x00}, // payload without prefix
                new byte[] {0x1a, 0x04, 0x0a, 0x02, 0x02, 0x00}, // prefix of CID version 2
                new byte[] {0x0b}, // start of a group, never ended
                new byte[] {0x00}); // field number 0
        for (byte[] b : bad) {
            assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(b), HexFormat.of().formatHex(b));
        }
        ByteArrayOutputStream type = new ByteArrayOutputStream();
        byte[] raw = RAW.bytes();
        type.writeBytes(new byte[] {0x0a, (byte) (raw.length + 6), 0x0a, (byte) (raw.length + 4), 0x0a, (byte) raw.length});
        type.writeBytes(raw);
        type.writeBytes(new byte[] {0x20, 0x02}); // wantType 2
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(type.toByteArray()));
    }

    @Test
    void repeatedFieldsAndCidsAreBounded() {
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        for (int i = 0; i <= MessageCodec.MAX_REPEATED; i++) {
            many.writeBytes(new byte[] {0x12, 0x00}); // an empty plain block
        }
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(many.toByteArray()));
        byte[] longCid = new byte[MessageCodec.MAX_CID_BYTES + 1];
        byte[] message = delimited(0x0a, delimited(0x0a, delimited(0x0a, longCid)));
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(message));
    }

    private static byte[] delimited(int tag, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        out.writeBytes(io.ipfskit.multiformats.Varint.encode(body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Test
    void aPrefixGivesTheCidOfTheBytesAndRefusesWhatItCannotHash() throws Exception {
        CidPrefix v0 = CidPrefix.decode(new byte[] {0x00, 0x70, 0x12, 0x20});
        byte[] node = "node".getBytes(StandardCharsets.UTF_8);
        assertEquals(V0, v0.cidOf(node));
        assertFalse(V0.equals(v0.cidOf(HELLO)));
        assertThrows(MalformedMessageException.class, () -> CidPrefix.decode(new byte[] {0x00, 0x55, 0x12, 0x20}));
        assertThrows(IllegalArgumentException.class, () -> new CidPrefix(1, Multicodec.RAW, 0x16, 32).cidOf(HELLO));
        assertThrows(IllegalArgumentException.class, () -> new CidPrefix(1, Multicodec.RAW, Multicodec.SHA2_256, 20).cidOf(HELLO));
    }

    @Test
    void anEncodingAboveTheLimitIsRefused() {
        BitswapMessage huge = BitswapMessage.response(List.of(WireBlock.of(RAW, new byte[MessageCodec.MAX_MESSAGE])), List.of(), 0);
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.frame(huge, Dialect.V120));
    }

    private static void assertThrowsNothing(ThrowingRunnable r) {
        try {
            r.run();
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
