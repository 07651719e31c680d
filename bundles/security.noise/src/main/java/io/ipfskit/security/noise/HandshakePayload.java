package io.ipfskit.security.noise;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * libp2p's {@code NoiseHandshakePayload}: {@code identity_key = 1}, {@code identity_sig = 2} and {@code extensions = 4}
 * (kept as raw bytes, not interpreted); unknown fields are skipped.
 */
record HandshakePayload(byte[] identityKey, byte[] identitySignature) {

    /** The prefix of the signed data: this string followed by the Noise static public key. */
    static final String SIGNATURE_PREFIX = "noise-libp2p-static-key:";

    /** What the identity key signs: {@link #SIGNATURE_PREFIX} followed by the Noise static public key. */
    static byte[] signedData(byte[] staticKey) {
        byte[] prefix = SIGNATURE_PREFIX.getBytes(StandardCharsets.US_ASCII);
        byte[] signed = Arrays.copyOf(prefix, prefix.length + staticKey.length);
        System.arraycopy(staticKey, 0, signed, prefix.length, staticKey.length);
        return signed;
    }

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeByteArray(1, identityKey);
            out.writeByteArray(2, identitySignature);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes a payload; throws when it is malformed or lacks the key or signature. */
    static HandshakePayload decode(byte[] message) throws NoiseProtocolException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        byte[] key = null;
        byte[] sig = null;
        try {
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (tag) {
                    case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> key = in.readByteArray();
                    case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> sig = in.readByteArray();
                    default -> {
                        if (!in.skipField(tag)) {
                            throw new InvalidProtocolBufferException("a group ends that never began");
                        }
                    }
                }
            }
        } catch (IOException e) { // reading an array, only malformed bytes fail
            throw new NoiseProtocolException("malformed noise handshake payload: " + e.getMessage(), e);
        }
        if (key == null || sig == null) {
            throw new NoiseProtocolException("noise handshake payload lacks " + (key == null ? "identity_key" : "identity_sig"));
        }
        return new HandshakePayload(key, sig);
    }
}
