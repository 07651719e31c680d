package io.ipfskit.multiformats.keys;

/** The libp2p key types, numbered as in the KeyType enum of libp2p's crypto.proto. */
public enum KeyType {
    /** RSA; Data is a PKIX (X.509 SubjectPublicKeyInfo) DER public key. */
    RSA(0),
    /** Ed25519; Data is the raw 32-byte public key. */
    ED25519(1),
    /** secp256k1; Data is the 33-byte compressed point. */
    SECP256K1(2),
    /** ECDSA on P-256; Data is a PKIX DER public key. */
    ECDSA(3);

    private final int code;

    KeyType(int code) {
        this.code = code;
    }

    /** Returns the protobuf enum number. */
    public int code() {
        return code;
    }

    /** Returns the key type with a protobuf enum number. */
    public static KeyType of(long code) {
        for (KeyType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown key type " + code);
    }
}
