package io.ipfskit.multiformats.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;

/** An Ed25519 libp2p private key that signs data; its toString never shows the key. */
public final class PrivateKey {

    private static final int SEED_AND_PUBLIC = 2 * Ed25519.KEY_LENGTH;
    private static final int LEGACY_LENGTH = 3 * Ed25519.KEY_LENGTH;
    /** Large enough for any libp2p private key, so that other key types are reported as such. */
    private static final int MAX_MESSAGE_LENGTH = 16 * 1024;
    private static final byte[] PROBE = "libp2p private key check".getBytes(StandardCharsets.US_ASCII);

    private final byte[] seed;
    private final java.security.PrivateKey key;
    private final PublicKey publicKey;

    private PrivateKey(byte[] seed, java.security.PrivateKey key, PublicKey publicKey) {
        this.seed = seed;
        this.key = key;
        this.publicKey = publicKey;
    }

    /** Generates a new Ed25519 key from the JDK's default secure random source. */
    public static PrivateKey generateEd25519() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(Ed25519.ALGORITHM).generateKeyPair();
            return new PrivateKey(Ed25519.seed(pair.getPrivate()), pair.getPrivate(),
                PublicKey.of(KeyType.ED25519, Ed25519.raw(pair.getPublic())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks Ed25519", e);
        }
    }

    /**
     * Decodes a crypto.proto PrivateKey message of type Ed25519 whose Data is the 32-byte seed
     * followed by the 32-byte public key (or the legacy form with the public key twice).
     */
    public static PrivateKey unmarshal(byte[] message) {
        KeyMessage decoded = KeyMessage.parse(message, MAX_MESSAGE_LENGTH);
        if (decoded.type() != KeyType.ED25519) {
            throw new IllegalArgumentException("unsupported private key type " + decoded.type());
        }
        byte[] data = decoded.data();
        if (data.length != SEED_AND_PUBLIC && data.length != LEGACY_LENGTH) {
            throw new IllegalArgumentException("Ed25519 private key Data has " + data.length + " bytes, not " + SEED_AND_PUBLIC);
        }
        if (data.length == LEGACY_LENGTH
                && !Arrays.equals(data, Ed25519.KEY_LENGTH, SEED_AND_PUBLIC, data, SEED_AND_PUBLIC, LEGACY_LENGTH)) {
            throw new IllegalArgumentException("legacy Ed25519 private key repeats two different public keys");
        }
        byte[] seed = Arrays.copyOf(data, Ed25519.KEY_LENGTH);
        PublicKey publicKey = PublicKey.of(KeyType.ED25519, Arrays.copyOfRange(data, Ed25519.KEY_LENGTH, SEED_AND_PUBLIC));
        PrivateKey key = new PrivateKey(seed, Ed25519.privateKey(seed), publicKey);
        if (!publicKey.verify(PROBE, key.sign(PROBE))) {
            throw new IllegalArgumentException("Ed25519 private key does not match its public key");
        }
        return key;
    }

    /** Returns the crypto.proto PrivateKey encoding: Ed25519, seed followed by public key. */
    public byte[] marshal() {
        byte[] data = Arrays.copyOf(seed, SEED_AND_PUBLIC);
        System.arraycopy(publicKey.raw(), 0, data, Ed25519.KEY_LENGTH, Ed25519.KEY_LENGTH);
        return new KeyMessage(KeyType.ED25519, data).marshal();
    }

    /** Returns the key type, always {@link KeyType#ED25519} for now. */
    public KeyType type() {
        return KeyType.ED25519;
    }

    /** Returns the 64-byte Ed25519 signature of the data. */
    public byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance(Ed25519.ALGORITHM);
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Returns the matching public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrivateKey other && MessageDigest.isEqual(seed, other.seed);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "PrivateKey[" + KeyType.ED25519 + ", public " + publicKey + "]";
    }
}
