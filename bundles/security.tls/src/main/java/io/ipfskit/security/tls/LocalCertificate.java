package io.ipfskit.security.tls;

import io.ipfskit.api.node.Node;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Our side of the handshake: a fresh ECDSA P-256 key and a self-signed certificate for it (empty names, as go-libp2p's)
 * whose first and only extension, critical, is the host key's {@link SignedKey} over the certificate key.
 */
record LocalCertificate(KeyPair keys, X509Certificate certificate) {

    /** Back-dated as go-libp2p does, so a peer whose clock runs behind still accepts it. */
    static final Duration BACKDATE = Duration.ofHours(1);
    static final Duration LIFETIME = Duration.ofDays(100L * 365);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new key and certificate speaking for the node, valid from an hour ago for 100 years. */
    static LocalCertificate create(Node node) {
        return create(node, Instant.now().minus(BACKDATE), Instant.now().plus(LIFETIME), true);
    }

    /** A certificate with the given window and criticality (tests forge bad ones with it). */
    static LocalCertificate create(Node node, Instant notBefore, Instant notAfter, boolean critical) {
        KeyPair keys = newKey();
        byte[] spki = keys.getPublic().getEncoded();
        SignedKey signed = new SignedKey(node.publicKey().marshal(), node.sign(SignedKey.signedData(spki)));
        return sign(keys, withExtension(builder(spki, notBefore, notAfter), SignedKey.OID, critical, signed.encode()));
    }

    /** Adds an extension with the given DER value. */
    static X509v3CertificateBuilder withExtension(X509v3CertificateBuilder builder, String oid, boolean critical,
            byte[] value) {
        try {
            return builder.addExtension(new ASN1ObjectIdentifier(oid), critical, value);
        } catch (CertIOException e) {
            throw new IllegalArgumentException("bad extension value", e);
        }
    }

    static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256", e);
        }
    }

    /** A self-signed certificate builder for the key, with empty issuer and subject and no extension yet. */
    static X509v3CertificateBuilder builder(byte[] spki, Instant notBefore, Instant notAfter) {
        X500Name empty = new X500Name(new RDN[0]);
        return new X509v3CertificateBuilder(empty, new BigInteger(63, RANDOM).add(BigInteger.ONE), Date.from(notBefore),
                Date.from(notAfter), empty, SubjectPublicKeyInfo.getInstance(spki));
    }

    /** Signs the certificate with its own key. */
    static LocalCertificate sign(KeyPair keys, X509v3CertificateBuilder builder) {
        try {
            X509Certificate certificate = new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER)
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new LocalCertificate(keys, certificate);
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }
}
