package io.ipfskit.multiformats.keys;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A validated libp2p public key of any {@link KeyType}, equal by type and Data bytes, that
 * verifies signatures as the libp2p peer-id spec defines for its type.
 */
public final class PublicKey {

    /** The largest Data field accepted, in bytes (a 16384-bit RSA key needs about 2100). */
    public static final int MAX_DATA_LENGTH = 4096;

    private final KeyType type;
    private final byte[] data;
    private final Verifier verifier;

    private PublicKey(KeyType type, byte[] data) {
        if (data.length > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("public key Data of " + data.length + " bytes exceeds " + MAX_DATA_LENGTH);
        }
        this.verifier = Verifier.of(type, data);
        this.type = type;
        this.data = data;
    }

    /**
     * Returns the key of a type and its Data field: raw 32 bytes (Ed25519), 33-byte compressed
     * point (secp256k1) or canonical PKIX DER (RSA of 1024 to 16384 bits, ECDSA on P-256).
     */
    public static PublicKey of(KeyType type, byte[] data) {
        return new PublicKey(type, data.clone());
    }

    /** Decodes a deterministically encoded crypto.proto PublicKey message. */
    public static PublicKey unmarshal(byte[] message) {
        KeyMessage decoded = KeyMessage.parse(message, MAX_DATA_LENGTH);
        return new PublicKey(decoded.type(), decoded.data());
    }

    /** Returns the deterministic crypto.proto PublicKey encoding, from which peer ids are derived. */
    public byte[] marshal() {
        return new KeyMessage(type, data).marshal();
    }

    /** Returns the key type. */
    public KeyType type() {
        return type;
    }

    /** Returns a copy of the Data field. */
    public byte[] raw() {
        return data.clone();
    }

    /**
     * Tells whether a signature of the data is valid for this key: Ed25519; SHA-256 with
     * RSASSA-PKCS1-v1_5; SHA-256 with DER-encoded ECDSA (P-256 and secp256k1).
     */
    public boolean verify(byte[] data, byte[] signature) {
        return verifier.verify(data, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey other && type == other.type && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PublicKey[" + type + " " + HexFormat.of().formatHex(data) + "]";
    }
}
