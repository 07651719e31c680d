package io.ipfskit.relay.wire;

import io.ipfskit.protobuf.support.ProtoBytes;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import io.ipfskit.multiformats.keys.SignedEnvelope;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * A reservation voucher (circuit-v2 spec): the signed envelope of RFC 0002, domain {@code libp2p-relay-rsvp}, payload type
 * the bytes {@code 03 02} (the multicodec {@code libp2p-relay-rsvp}), over {@code ReservationVoucher{relay 1, peer 2, expiration 3}}.
 */
public record Voucher(PeerId relay, PeerId peer, long expiration) {

    static final String DOMAIN = "libp2p-relay-rsvp";
    /** The multicodec's code as two big-endian bytes, as go-libp2p and js-libp2p write it (not as a varint). */
    static final byte[] PAYLOAD_TYPE = {0x03, 0x02};

    /** The envelope of this voucher, signed by {@code sign} with the relay's key {@code relayKey}. */
    public byte[] seal(PublicKey relayKey, UnaryOperator<byte[]> sign) {
        byte[] payload = ProtoBytes.encode(out -> {
            out.writeByteArray(1, relay.bytes());
            out.writeByteArray(2, peer.bytes());
            out.writeUInt64(3, expiration);
        });
        return SignedEnvelope.seal(relayKey, sign, DOMAIN, PAYLOAD_TYPE, payload);
    }

    /**
     * Opens an envelope: its payload type, that its key signed it, and that the key is the voucher's relay's; throws
     * for anything else.
     */
    public static Voucher open(byte[] envelope) throws RelayProtocolException {
        try {
            SignedEnvelope opened = SignedEnvelope.open(envelope, DOMAIN, PAYLOAD_TYPE);
            Voucher voucher = payload(opened.payload());
            if (!voucher.relay().matches(opened.signer())) {
                throw new RelayProtocolException("voucher signed by a key other than its relay's");
            }
            return voucher;
        } catch (IOException | IllegalArgumentException e) {
            throw e instanceof RelayProtocolException r ? r : new RelayProtocolException("voucher: " + e.getMessage());
        }
    }

    private static Voucher payload(byte[] payload) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(payload);
        PeerId relay = null;
        PeerId peer = null;
        long expiration = -1;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> relay = PeerId.fromBytes(in.readByteArray());
                case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> peer = PeerId.fromBytes(in.readByteArray());
                case (3 << 3) | WireFormat.WIRETYPE_VARINT -> expiration = in.readUInt64();
                default -> in.skipField(tag);
            }
        }
        if (relay == null || peer == null || expiration < 0) {
            throw new RelayProtocolException("voucher lacks its relay, peer or expiration");
        }
        return new Voucher(relay, peer, expiration);
    }
}
