package io.ipfskit.multiformats.keys;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/** Converts raw Ed25519 keys to and from the JDK's DER encodings, whose prefixes are fixed. */
final class Ed25519 {

    static final int KEY_LENGTH = 32;
    static final int SIGNATURE_LENGTH = 64;
    static final String ALGORITHM = "Ed25519";

    /** SubjectPublicKeyInfo { AlgorithmIdentifier { 1.3.101.112 }, BIT STRING (32 bytes) }. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** PrivateKeyInfo { version 0, AlgorithmIdentifier { 1.3.101.112 }, OCTET STRING { OCTET STRING (32 bytes) } }. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private Ed25519() {
    }

    static PublicKey publicKey(byte[] raw) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(X509_PREFIX, raw)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid Ed25519 public key: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(byte[] seed) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(PKCS8_PREFIX, seed)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /** Returns the raw 32 bytes of a JDK Ed25519 public key. */
    static byte[] raw(PublicKey key) {
        return strip(X509_PREFIX, key);
    }

    /** Returns the 32-byte seed of a JDK Ed25519 private key. */
    static byte[] seed(PrivateKey key) {
        return strip(PKCS8_PREFIX, key);
    }

    private static byte[] der(byte[] prefix, byte[] raw) {
        if (raw.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 key has " + KEY_LENGTH + " bytes, not " + raw.length);
        }
        byte[] der = Arrays.copyOf(prefix, prefix.length + KEY_LENGTH);
        System.arraycopy(raw, 0, der, prefix.length, KEY_LENGTH);
        return der;
    }

    private static byte[] strip(byte[] prefix, Key key) {
        byte[] der = key.getEncoded();
        if (der.length != prefix.length + KEY_LENGTH || !Arrays.equals(der, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new IllegalStateException("unexpected Ed25519 encoding from the JDK");
        }
        return Arrays.copyOfRange(der, prefix.length, der.length);
    }
}
