package io.ipfskit.security.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The Noise SymmetricState with SHA-256: chaining key, handshake hash and the optional handshake cipher. */
final class SymmetricState {

    /** The full Noise protocol name, exactly 32 bytes, so it is the initial hash itself. */
    static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";
    private static final byte[] EMPTY = new byte[0];

    private byte[] ck;
    private byte[] h;
    private CipherState cipher;

    SymmetricState() {
        h = Arrays.copyOf(PROTOCOL_NAME.getBytes(StandardCharsets.US_ASCII), 32);
        ck = h.clone();
        mixHash(EMPTY);
    }

    /** The handshake hash so far. */
    byte[] handshakeHash() {
        return h.clone();
    }

    void mixHash(byte[] data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(h);
            h = sha.digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    void mixKey(byte[] ikm) {
        byte[][] out = hkdf(ck, ikm);
        ck = out[0];
        cipher = new CipherState(out[1]);
    }

    byte[] encryptAndHash(byte[] plaintext) throws GeneralSecurityException {
        byte[] out = cipher == null ? plaintext : cipher.encrypt(h, plaintext);
        mixHash(out);
        return out;
    }

    byte[] decryptAndHash(byte[] ciphertext) throws GeneralSecurityException {
        byte[] out = cipher == null ? ciphertext : cipher.decrypt(h, ciphertext);
        mixHash(ciphertext);
        return out;
    }

    /** The two transport ciphers: index 0 for initiator-to-responder, 1 for the reverse. */
    CipherState[] split() {
        byte[][] keys = hkdf(ck, EMPTY);
        return new CipherState[] {new CipherState(keys[0]), new CipherState(keys[1])};
    }

    private static byte[][] hkdf(byte[] chainingKey, byte[] ikm) {
        try {
            byte[] temp = hmac(chainingKey, ikm);
            byte[] out1 = hmac(temp, new byte[] {1});
            byte[] in2 = Arrays.copyOf(out1, out1.length + 1);
            in2[out1.length] = 2;
            return new byte[][] {out1, hmac(temp, in2)};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
