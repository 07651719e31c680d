package io.ipfskit.relay.wire;

import io.ipfskit.protobuf.support.ProtoBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipfskit.multiformats.Multiaddr;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolePunchCodecTest {

    @Test
    void connectAndSyncRoundTripWithTheSpecsWireValues() throws Exception {
        HolePunchMessage connect = HolePunchMessage.connect(List.of(Multiaddr.parse("/ip4/203.0.113.7/tcp/4001"),
                Multiaddr.parse("/ip6/2001:db8::1/tcp/4001")));
        assertEquals(connect, HolePunchCodec.decode(HolePunchCodec.encode(connect)));
        assertEquals(HolePunchMessage.sync(), HolePunchCodec.decode(HolePunchCodec.encode(HolePunchMessage.sync())));
        assertEquals(HolePunchMessage.Type.SYNC, HolePunchCodec.decode(ProtoBytes.encode(out -> out.writeEnum(1, 300))).type());
        assertEquals(HolePunchMessage.Type.CONNECT, HolePunchCodec.decode(ProtoBytes.encode(out -> out.writeEnum(1, 100))).type());
    }

    @Test
    void anUnreadableAddressIsDroppedAndTheRestKept() throws Exception {
        byte[] body = ProtoBytes.encode(out -> {
            out.writeEnum(1, 100);
            out.writeByteArray(2, new byte[] {(byte) 0xff, (byte) 0xff, 0x7f});
            out.writeByteArray(2, Multiaddr.parse("/ip4/203.0.113.7/tcp/4001").bytes());
        });
        assertEquals(List.of(Multiaddr.parse("/ip4/203.0.113.7/tcp/4001")), HolePunchCodec.decode(body).addresses());
    }

    @Test
    void tooManyAddressesAnUnknownTypeNoTypeOrTooManyBytesAreRefused() {
        byte[] many = ProtoBytes.encode(out -> {
            out.writeEnum(1, 100);
            for (int i = 0; i <= RelayCodec.MAX_ADDRESSES; i++) {
                out.writeByteArray(2, Multiaddr.parse("/ip4/203.0.113.7/tcp/" + (4000 + i)).bytes());
            }
        });
        assertThrows(RelayProtocolException.class, () -> HolePunchCodec.decode(many));
        assertThrows(RelayProtocolException.class, () -> HolePunchCodec.decode(ProtoBytes.encode(out -> out.writeEnum(1, 200))));
        assertThrows(RelayProtocolException.class, () -> HolePunchCodec.decode(ProtoBytes.encode(
                out -> out.writeByteArray(2, Multiaddr.parse("/ip4/203.0.113.7/tcp/4001").bytes()))));
        byte[] big = ProtoBytes.encode(out -> {
            out.writeEnum(1, 100);
            out.writeByteArray(3, new byte[RelayCodec.MAX_MESSAGE]);
        });
        assertThrows(RelayProtocolException.class, () -> HolePunchCodec.decode(big));
        assertThrows(RelayProtocolException.class, () -> HolePunchCodec.decode(new byte[] {0x08}));
    }
}
