package io.ipfskit.security.noise;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * libp2p's {@code NoiseHandshakePayload}: {@code identity_key = 1}, {@code identity_sig = 2} and {@code extensions = 4}
 * (kept as raw bytes, not interpreted); unknown fields are skipped.
 */
record HandshakePayload(byte[] identityKey, byte[] identitySignature) {

    /** The prefix of the signed data: this string followed by the Noise static public key. */
    static final String SIGNATURE_PREFIX = "noise-libp2p-static-key:";

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

    /** Decodes a payload; throws IOException when it is malformed or lacks the key or signature. */
    static HandshakePayload decode(byte[] message) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        byte[] key = null;
        byte[] sig = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> key = in.readByteArray();
                case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> sig = in.readByteArray();
                default -> {
                    if (!in.skipField(tag)) {
                        throw new IOException("malformed noise handshake payload");
                    }
                }
            }
        }
        if (key == null || sig == null) {
            throw new IOException("noise handshake payload lacks " + (key == null ? "identity_key" : "identity_sig"));
        }
        return new HandshakePayload(key, sig);
    }
}
