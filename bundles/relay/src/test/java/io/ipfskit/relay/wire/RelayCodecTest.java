package io.ipfskit.relay.wire;

import io.ipfskit.protobuf.support.ProtoBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every message type both ways, bytes as circuit.proto lays them out, and each decoding bound. */
class RelayCodecTest {

    private static final PeerId PEER = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
    private static final Multiaddr ADDR = Multiaddr.parse("/ip4/10.0.0.1/tcp/4001");

    @Test
    void reserveIsTheTypeAlone() throws Exception {
        assertEquals("0800", HexFormat.of().formatHex(RelayCodec.encode(HopMessage.reserve())));
        assertEquals(HopMessage.Type.RESERVE, RelayCodec.decodeHop(new byte[] {8, 0}).type());
    }

    @Test
    void connectCarriesThePeer() throws Exception {
        HopMessage m = RelayCodec.decodeHop(RelayCodec.encode(HopMessage.connect(new PeerInfo(PEER, List.of(ADDR)))));
        assertEquals(HopMessage.Type.CONNECT, m.type());
        assertEquals(PEER, m.peer().id());
        assertEquals(List.of(ADDR), m.peer().addresses());
    }

    @Test
    void statusCarriesReservationAndLimit() throws Exception {
        byte[] voucher = {1, 2, 3};
        HopMessage m = RelayCodec.decodeHop(RelayCodec.encode(new HopMessage(HopMessage.Type.STATUS, null,
                new Reservation(1_800_000_000L, List.of(ADDR), voucher), new Limit(120, 131072), Status.OK)));
        assertEquals(Status.OK, m.status());
        assertEquals(1_800_000_000L, m.reservation().expire());
        assertEquals(List.of(ADDR), m.reservation().addresses());
        assertArrayEquals(voucher, m.reservation().voucher());
        assertEquals(new Limit(120, 131072), m.limit());
        assertNull(m.peer());
    }

    @Test
    void stopMessagesBothWays() throws Exception {
        StopMessage connect = RelayCodec.decodeStop(RelayCodec.encode(
                new StopMessage(StopMessage.Type.CONNECT, PeerInfo.of(PEER), new Limit(0, 4096), null)));
        assertEquals(StopMessage.Type.CONNECT, connect.type());
        assertEquals(PEER, connect.peer().id());
        assertEquals(new Limit(0, 4096), connect.limit());
        StopMessage status = RelayCodec.decodeStop(RelayCodec.encode(StopMessage.status(Status.PERMISSION_DENIED)));
        assertEquals(Status.PERMISSION_DENIED, status.status());
    }

    @Test
    void aMessageWithoutTypeOrWithAnUnknownOneIsRefused() {
        assertThrows(RelayProtocolException.class, () -> RelayCodec.decodeHop(new byte[] {0x28, 100}));
        assertThrows(RelayProtocolException.class, () -> RelayCodec.decodeHop(new byte[] {8, 7}));
        assertThrows(RelayProtocolException.class, () -> RelayCodec.decodeStop(new byte[] {8, 2}));
    }

    @Test
    void aMessageOverTheBoundIsRefusedBeforeParsing() {
        byte[] big = new byte[RelayCodec.MAX_MESSAGE + 1];
        big[0] = 8;
        assertThrows(RelayProtocolException.class, () -> RelayCodec.decodeHop(big));
    }

    @Test
    void morePeerAddressesThanTheBoundAreRefused() {
        byte[] ok = RelayCodec.encode(HopMessage.connect(new PeerInfo(PEER,
                Collections.nCopies(RelayCodec.MAX_ADDRESSES, ADDR))));
        byte[] over = RelayCodec.encode(HopMessage.connect(new PeerInfo(PEER,
                Collections.nCopies(RelayCodec.MAX_ADDRESSES + 1, ADDR))));
        assertEquals(RelayCodec.MAX_ADDRESSES, assertDecodes(ok).peer().addresses().size());
        assertThrows(RelayProtocolException.class, () -> RelayCodec.decodeHop(over));
    }

    @Test
    void aPeerWithABadIdOrABadAddressIsRefused() {
        byte[] badId = {8, 1, 0x12, 3, 0x0a, 1, 0x7f};
        byte[] badAddr = ProtoBytes.encode(out -> {
            out.writeEnum(1, 1);
            out.writeByteArray(2, ProtoBytes.encode(p -> {
                p.writeByteArray(1, PEER.bytes());
                p.writeByteArray(2, new byte[] {(byte) 0xff, (byte) 0xff, 0x7f});
            }));
        });
        assertThrows(RelayProtocolException.class, () -> RelayCodec.decodeHop(badId));
        assertThrows(RelayProtocolException.class, () -> RelayCodec.decodeHop(badAddr));
    }

    @Test
    void unknownFieldsAreSkipped() throws Exception {
        byte[] withExtra = {8, 2, 0x50, 1, 0x28, 100};
        HopMessage m = RelayCodec.decodeHop(withExtra);
        assertEquals(Status.OK, m.status());
    }

    private static HopMessage assertDecodes(byte[] body) {
        try {
            return RelayCodec.decodeHop(body);
        } catch (RelayProtocolException e) {
            throw new AssertionError(e);
        }
    }
}
