package io.ipfskit.multiformats.keys;

import io.ipfskit.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * libp2p's signed envelope (RFC 0002): {@code Envelope{public_key 1, payload_type 2, payload 3, signature 5}}, the
 * signature over the varint-length-prefixed domain, payload type and payload. The payload type is the bytes go-libp2p
 * and js-libp2p write (e.g. {@code 03 01} for a peer record), compared as they are.
 */
public record SignedEnvelope(PublicKey signer, byte[] payloadType, byte[] payload) {

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_BYTES = 2;
    private static final int WIRE_FIXED32 = 5;

    /** Seals {@code payload}: {@code sign} signs with the private key of {@code signer}. */
    public static byte[] seal(PublicKey signer, UnaryOperator<byte[]> sign, String domain, byte[] payloadType,
            byte[] payload) {
        byte[] signature = sign.apply(signedData(domain, payloadType, payload));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, 1, signer.marshal());
        field(out, 2, payloadType);
        field(out, 3, payload);
        field(out, 5, signature);
        return out.toByteArray();
    }

    /**
     * Opens an envelope of {@code domain}: it must carry {@code payloadType} and be signed by its own key; anything
     * else is an {@link IllegalArgumentException} saying what.
     */
    public static SignedEnvelope open(byte[] envelope, String domain, byte[] payloadType) {
        ByteBuffer in = ByteBuffer.wrap(envelope);
        byte[] key = null;
        byte[] type = null;
        byte[] payload = null;
        byte[] signature = null;
        while (in.hasRemaining()) {
            long tag = Varint.read(in);
            int wire = (int) (tag & 7);
            long number = tag >>> 3;
            if (wire == WIRE_BYTES) {
                byte[] value = bytes(in);
                if (number == 1) {
                    key = value;
                } else if (number == 2) {
                    type = value;
                } else if (number == 3) {
                    payload = value;
                } else if (number == 5) {
                    signature = value;
                }
            } else {
                skip(in, wire);
            }
        }
        if (key == null || payload == null || signature == null) {
            throw new IllegalArgumentException("envelope lacks its key, payload or signature");
        }
        if (type == null || !Arrays.equals(type, payloadType)) {
            throw new IllegalArgumentException("envelope of another payload type");
        }
        PublicKey signer = PublicKey.unmarshal(key);
        if (!signer.verify(signedData(domain, type, payload), signature)) {
            throw new IllegalArgumentException("envelope signature does not verify");
        }
        return new SignedEnvelope(signer, type, payload);
    }

    private static byte[] signedData(String domain, byte[] payloadType, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : new byte[][] {domain.getBytes(StandardCharsets.UTF_8), payloadType, payload}) {
            out.writeBytes(Varint.encode(part.length));
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] value) {
        out.writeBytes(Varint.encode((long) number << 3 | WIRE_BYTES));
        out.writeBytes(Varint.encode(value.length));
        out.writeBytes(value);
    }

    private static byte[] bytes(ByteBuffer in) {
        long length = Varint.read(in);
        if (length > in.remaining()) {
            throw new IllegalArgumentException("envelope field of " + length + " bytes overruns the envelope");
        }
        byte[] value = new byte[(int) length];
        in.get(value);
        return value;
    }

    private static void skip(ByteBuffer in, int wire) {
        switch (wire) {
            case WIRE_VARINT -> Varint.read(in);
            case WIRE_FIXED64 -> advance(in, 8);
            case WIRE_FIXED32 -> advance(in, 4);
            default -> throw new IllegalArgumentException("envelope field of wire type " + wire);
        }
    }

    private static void advance(ByteBuffer in, int count) {
        if (count > in.remaining()) {
            throw new IllegalArgumentException("envelope field overruns the envelope");
        }
        in.position(in.position() + count);
    }
}
