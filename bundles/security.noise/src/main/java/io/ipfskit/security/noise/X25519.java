package io.ipfskit.security.noise;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/** X25519 with the JDK: key pairs with their raw 32-byte public keys, and Diffie-Hellman against raw public keys. */
final class X25519 {

    /** A JDK key pair and its raw little-endian public key. */
    record Pair(KeyPair keys, byte[] publicKey) {
    }

    private X25519() {
    }

    static Pair generate() {
        try {
            KeyPair keys = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            return new Pair(keys, encode(((XECPublicKey) keys.getPublic()).getU()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks X25519", e);
        }
    }

    /** The shared secret; a remote key of small order (the JDK rejects the all-zero result) is a protocol error. */
    static byte[] dh(Pair local, byte[] remotePublic) throws GeneralSecurityException, NoiseProtocolException {
        if (remotePublic.length != 32) {
            throw new GeneralSecurityException("X25519 public key of " + remotePublic.length + " bytes");
        }
        byte[] le = remotePublic.clone();
        le[31] &= 0x7f;
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        XECPublicKeySpec spec = new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be));
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(local.keys().getPrivate());
        java.security.PublicKey remote = KeyFactory.getInstance("X25519").generatePublic(spec);
        try {
            agreement.doPhase(remote, true);
        } catch (InvalidKeyException e) {
            throw new NoiseProtocolException("noise: remote X25519 key of small order", e);
        }
        return agreement.generateSecret();
    }

    private static byte[] encode(BigInteger u) {
        byte[] be = u.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }
}
