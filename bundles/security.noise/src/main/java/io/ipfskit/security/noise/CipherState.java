package io.ipfskit.security.noise;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** A Noise CipherState for ChaChaPoly: a 32-byte key and a 64-bit nonce that counts messages; not thread-safe. */
final class CipherState {

    /** The Poly1305 tag length. */
    static final int TAG = 16;

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

    /** Encrypts plaintext with associated data into out (which needs plaintext + 16 bytes). */
    void encrypt(byte[] ad, ByteBuffer plaintext, ByteBuffer out) throws GeneralSecurityException {
        init(Cipher.ENCRYPT_MODE, ad);
        cipher.doFinal(plaintext, out);
    }

    /** Decrypts and authenticates ciphertext with associated data into out; throws AEADBadTagException if forged. */
    void decrypt(byte[] ad, ByteBuffer ciphertext, ByteBuffer out) throws GeneralSecurityException {
        init(Cipher.DECRYPT_MODE, ad);
        cipher.doFinal(ciphertext, out);
    }

    /** Encrypts a byte array. */
    byte[] encrypt(byte[] ad, byte[] plaintext) throws GeneralSecurityException {
        byte[] out = new byte[plaintext.length + TAG];
        encrypt(ad, ByteBuffer.wrap(plaintext), ByteBuffer.wrap(out));
        return out;
    }

    /** Decrypts a byte array. */
    byte[] decrypt(byte[] ad, byte[] ciphertext) throws GeneralSecurityException {
        if (ciphertext.length < TAG) {
            throw new GeneralSecurityException("ciphertext shorter than its tag");
        }
        byte[] out = new byte[ciphertext.length - TAG];
        decrypt(ad, ByteBuffer.wrap(ciphertext), ByteBuffer.wrap(out));
        return out;
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
