package io.ipfskit.multiformats.keys;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Checks signatures by one validated public key; {@link #of} validates the key's Data field. */
interface Verifier {

    int MIN_RSA_BITS = 1024;
    int MAX_RSA_BITS = 16384;

    /** Tells whether the signature of the data is valid; never throws for a malformed signature. */
    boolean verify(byte[] data, byte[] signature);

    /** Validates the Data field of a key of the given type and returns its verifier. */
    static Verifier of(KeyType type, byte[] data) {
        return switch (type) {
            case ED25519 -> ed25519(data);
            case RSA -> rsa(data);
            case ECDSA -> ecdsa(data);
            case SECP256K1 -> secp256k1(data);
        };
    }

    /** Ed25519 signatures have exactly 64 bytes; the JDK would also accept trailing zero bytes. */
    private static Verifier ed25519(byte[] data) {
        Verifier jdk = jdk(Ed25519.ALGORITHM, Ed25519.publicKey(data));
        return (message, signature) -> signature.length == Ed25519.SIGNATURE_LENGTH && jdk.verify(message, signature);
    }

    private static Verifier rsa(byte[] data) {
        RSAPublicKey key = (RSAPublicKey) pkix("RSA", data);
        int bits = key.getModulus().bitLength();
        if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
            throw new IllegalArgumentException("RSA key of " + bits + " bits is outside " + MIN_RSA_BITS + ".." + MAX_RSA_BITS);
        }
        return jdk("SHA256withRSA", key);
    }

    private static Verifier ecdsa(byte[] data) {
        ECPublicKey key = (ECPublicKey) pkix("EC", data);
        ECParameterSpec p256 = P256.SPEC;
        ECParameterSpec spec = key.getParams();
        if (!spec.getCurve().equals(p256.getCurve()) || !spec.getGenerator().equals(p256.getGenerator())
                || !spec.getOrder().equals(p256.getOrder())) {
            throw new IllegalArgumentException("ECDSA keys must be on the P-256 curve");
        }
        if (!P256.CURVE.contains(key.getW())) {
            throw new IllegalArgumentException("ECDSA public point is not on the curve");
        }
        return jdk("SHA256withECDSA", key);
    }

    private static Verifier secp256k1(byte[] data) {
        ECPoint point = Curve.SECP256K1.decompress(data);
        return (message, signature) -> {
            BigInteger[] rs = derSignature(signature);
            return rs != null && Curve.SECP256K1.verify(sha256(message), rs[0], rs[1], point);
        };
    }

    /** Decodes a PKIX key that must be in its canonical DER encoding. */
    private static java.security.PublicKey pkix(String algorithm, byte[] data) {
        java.security.PublicKey key;
        try {
            key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(data));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("invalid " + algorithm + " PKIX public key: " + e.getMessage(), e);
        }
        if (!Arrays.equals(key.getEncoded(), data)) {
            throw new IllegalArgumentException(algorithm + " public key is not in canonical DER form");
        }
        return key;
    }

    private static Verifier jdk(String algorithm, java.security.PublicKey key) {
        return (data, signature) -> {
            try {
                Signature verifier = Signature.getInstance(algorithm);
                verifier.initVerify(key);
                verifier.update(data);
                return verifier.verify(signature);
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        };
    }

    /** Decodes a strict DER SEQUENCE { INTEGER r, INTEGER s } of positive integers, or returns null. */
    private static BigInteger[] derSignature(byte[] der) {
        ByteBuffer in = ByteBuffer.wrap(der);
        if (der.length < 2 || in.get() != 0x30 || in.get() != in.remaining()) {
            return null;
        }
        BigInteger r = derInteger(in);
        BigInteger s = r == null ? null : derInteger(in);
        return s == null || in.hasRemaining() ? null : new BigInteger[] {r, s};
    }

    private static BigInteger derInteger(ByteBuffer in) {
        if (in.remaining() < 2 || in.get() != 0x02) {
            return null;
        }
        int length = in.get() & 0xff;
        if (length == 0 || length > 0x7f || length > in.remaining()) {
            return null;
        }
        byte[] value = new byte[length];
        in.get(value);
        boolean negative = value[0] < 0;
        boolean padded = length > 1 && value[0] == 0 && value[1] >= 0;
        return negative || padded ? null : new BigInteger(1, value);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The JDK's parameters of P-256 (secp256r1), looked up once. */
    final class P256 {
        static final ECParameterSpec SPEC = lookUp();
        static final Curve CURVE = Curve.of(SPEC);

        private P256() {
        }

        private static ECParameterSpec lookUp() {
            try {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec("secp256r1"));
                return parameters.getParameterSpec(ECParameterSpec.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks P-256", e);
            }
        }
    }
}
