package io.ipfskit.relay.wire;

import io.ipfskit.protobuf.support.ProtoBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Vouchers: sealed by the relay and opened by the client; a bad signature or a foreign signer is refused. */
class VoucherTest {

    private static final PrivateKey RELAY = PrivateKey.generateEd25519();
    private static final PrivateKey OTHER = PrivateKey.generateEd25519();
    private static final PeerId RELAY_ID = PeerId.fromPublicKey(RELAY.publicKey());
    private static final PeerId CLIENT = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());

    @Test
    void aSealedVoucherOpens() throws Exception {
        Voucher v = new Voucher(RELAY_ID, CLIENT, 1_800_000_000L);
        assertEquals(v, Voucher.open(v.seal(RELAY.publicKey(), RELAY::sign)));
    }

    @Test
    void theEnvelopeNamesItsPayloadTypeAsGoAndJsWriteIt() {
        byte[] envelope = new Voucher(RELAY_ID, CLIENT, 1_800_000_000L).seal(RELAY.publicKey(), RELAY::sign);
        String hex = HexFormat.of().formatHex(envelope);
        assertTrue(hex.contains("12020302"), "field 2 holds the two bytes 03 02: " + hex);
    }

    @Test
    void aVoucherWithABadSignatureIsRefused() {
        byte[] envelope = new Voucher(RELAY_ID, CLIENT, 1_800_000_000L).seal(RELAY.publicKey(), RELAY::sign);
        envelope[envelope.length - 1] ^= 1;
        RelayProtocolException e = assertThrows(RelayProtocolException.class, () -> Voucher.open(envelope));
        assertEquals("voucher: envelope signature does not verify", e.getMessage());
    }

    @Test
    void aVoucherSignedByAnotherKeyThanItsRelaysIsRefused() {
        byte[] envelope = new Voucher(RELAY_ID, CLIENT, 1_800_000_000L).seal(OTHER.publicKey(), OTHER::sign);
        RelayProtocolException e = assertThrows(RelayProtocolException.class, () -> Voucher.open(envelope));
        assertEquals("voucher signed by a key other than its relay's", e.getMessage());
    }

    @Test
    void anEnvelopeOfAnotherPayloadTypeIsRefused() {
        byte[] peerRecordTyped = ProtoBytes.encode(out -> {
            out.writeByteArray(1, RELAY.publicKey().marshal());
            out.writeByteArray(2, new byte[] {0x03, 0x01});
            out.writeByteArray(3, new byte[] {1});
            out.writeByteArray(5, new byte[64]);
        });
        assertThrows(RelayProtocolException.class, () -> Voucher.open(peerRecordTyped));
    }
}
