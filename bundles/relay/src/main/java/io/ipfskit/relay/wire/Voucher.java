package io.ipfskit.relay.wire;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.Varint;
import io.ipfskit.multiformats.keys.PublicKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        byte[] payload = RelayCodec.write(out -> {
            out.writeByteArray(1, relay.bytes());
            out.writeByteArray(2, peer.bytes());
            out.writeUInt64(3, expiration);
        });
        byte[] signature = sign.apply(signedData(payload));
        return RelayCodec.write(out -> {
            out.writeByteArray(1, relayKey.marshal());
            out.writeByteArray(2, PAYLOAD_TYPE);
            out.writeByteArray(3, payload);
            out.writeByteArray(5, signature);
        });
    }

    /**
     * Opens an envelope: its payload type, that its key signed it, and that the key is the voucher's relay's; throws
     * for anything else.
     */
    public static Voucher open(byte[] envelope) throws RelayProtocolException {
        try {
            CodedInputStream in = CodedInputStream.newInstance(envelope);
            byte[] key = null;
            byte[] type = null;
            byte[] payload = null;
            byte[] signature = null;
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (tag) {
                    case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> key = in.readByteArray();
                    case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> type = in.readByteArray();
                    case (3 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> payload = in.readByteArray();
                    case (5 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> signature = in.readByteArray();
                    default -> in.skipField(tag);
                }
            }
            if (key == null || payload == null || signature == null) {
                throw new RelayProtocolException("voucher envelope lacks its key, payload or signature");
            }
            // type == null first: Jazzer's Arrays.equals hook crashes the JVM on a null array
            if (type == null || !Arrays.equals(type, PAYLOAD_TYPE)) {
                throw new RelayProtocolException("voucher envelope of another payload type");
            }
            PublicKey signer = PublicKey.unmarshal(key);
            if (!signer.verify(signedData(payload), signature)) {
                throw new RelayProtocolException("voucher signature does not verify");
            }
            Voucher voucher = payload(payload);
            if (!voucher.relay().matches(signer)) {
                throw new RelayProtocolException("voucher signed by a key other than its relay's");
            }
            return voucher;
        } catch (IOException | IllegalArgumentException e) {
            throw e instanceof RelayProtocolException r ? r : new RelayProtocolException("malformed voucher: " + e.getMessage());
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

    private static byte[] signedData(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : new byte[][] {DOMAIN.getBytes(StandardCharsets.UTF_8), PAYLOAD_TYPE, payload}) {
            out.writeBytes(Varint.encode(part.length));
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
