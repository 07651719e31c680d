package io.ipfskit.security.noise;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Noise CipherState for ChaChaPoly: a 32-byte key and a 64-bit nonce that counts messages; not thread-safe. Transport
 * messages are sealed and opened in place in byte arrays, the JDK cipher's fastest path.
 */
final class CipherState {

    /** The Poly1305 tag length. */
    static final int TAG = 16;
    private static final byte[] NO_AD = new byte[0];

    private final SecretKeySpec key;
    private final Cipher cipher;
    private final byte[] nonce = new byte[12];
    private long n;

    CipherState(byte[] key) {
        this.key = new SecretKeySpec(key, "ChaCha20");
        try {
            this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks ChaCha20-Poly1305", e);
        }
    }

    /**
     * Encrypts {@code length} bytes at {@code offset} in place, without associated data, and appends the tag (the array
     * needs 16 bytes after the plaintext); returns the sealed length.
     */
    int seal(byte[] buffer, int offset, int length) throws GeneralSecurityException {
        init(Cipher.ENCRYPT_MODE, NO_AD);
        return cipher.doFinal(buffer, offset, length, buffer, offset);
    }

    /**
     * Authenticates and decrypts the {@code length} sealed bytes at the start of {@code sealed} (at offset 0, where the
     * JDK opens a message without copying it) into {@code out}; returns the plaintext length. Throws
     * AEADBadTagException if the message is forged.
     */
    int open(byte[] sealed, int length, byte[] out, int outOffset) throws GeneralSecurityException {
        if (length < TAG) {
            throw new GeneralSecurityException("ciphertext shorter than its tag");
        }
        init(Cipher.DECRYPT_MODE, NO_AD);
        return cipher.doFinal(sealed, 0, length, out, outOffset);
    }

    /** Encrypts a byte array with associated data (handshake messages). */
    byte[] encrypt(byte[] ad, byte[] plaintext) throws GeneralSecurityException {
        init(Cipher.ENCRYPT_MODE, ad);
        return cipher.doFinal(plaintext);
    }

    /** Decrypts a byte array with associated data (handshake messages). */
    byte[] decrypt(byte[] ad, byte[] ciphertext) throws GeneralSecurityException {
        if (ciphertext.length < TAG) {
            throw new GeneralSecurityException("ciphertext shorter than its tag");
        }
        init(Cipher.DECRYPT_MODE, ad);
        return cipher.doFinal(ciphertext);
    }

    private void init(int mode, byte[] ad) throws GeneralSecurityException {
        if (n == -1L) {
            throw new GeneralSecurityException("noise nonce exhausted");
        }
        long value = n++;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (value >>> (8 * i));
        }
        cipher.init(mode, key, new IvParameterSpec(nonce));
        if (ad.length > 0) {
            cipher.updateAAD(ad);
        }
    }
}
