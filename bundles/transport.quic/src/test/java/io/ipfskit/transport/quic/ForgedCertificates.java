package io.ipfskit.transport.quic;

import io.ipfskit.api.node.Node;
import io.ipfskit.security.tls.Libp2pCertificates;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key managers presenting certificates that break one of libp2p's TLS rules, built with BouncyCastle for the tests. */
final class ForgedCertificates {

    private static final String OID = "1.3.6.1.4.1.53594.1.1";
    private static final byte[] PREFIX = "libp2p-tls-handshake:".getBytes(StandardCharsets.US_ASCII);

    private ForgedCertificates() {
    }

    /** The extension names {@code claimed}'s host key, but {@code signer} signed the certificate key. */
    static X509ExtendedKeyManager signedByAnotherKey(Node claimed, Node signer) throws Exception {
        KeyPair keys = p256();
        byte[] spki = keys.getPublic().getEncoded();
        byte[] extension = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            new DEROctetString(claimed.publicKey().marshal()), new DEROctetString(signer.sign(concat(PREFIX, spki)))})
            .getEncoded();
        X509v3CertificateBuilder builder = builder(spki);
        builder.addExtension(new ASN1ObjectIdentifier(OID), true, extension);
        return sign(keys, builder);
    }

    /** A plain self-signed certificate without libp2p's extension. */
    static X509ExtendedKeyManager withoutExtension() throws Exception {
        KeyPair keys = p256();
        return sign(keys, builder(keys.getPublic().getEncoded()));
    }

    private static X509v3CertificateBuilder builder(byte[] spki) {
        X500Name empty = new X500Name(new RDN[0]);
        Instant now = Instant.now();
        return new X509v3CertificateBuilder(empty, BigInteger.ONE, Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), empty, SubjectPublicKeyInfo.getInstance(spki));
    }

    private static X509ExtendedKeyManager sign(KeyPair keys, X509v3CertificateBuilder builder) throws Exception {
        return Libp2pCertificates.keyManager(keys, new JcaX509CertificateConverter().setProvider(new BouncyCastleProvider())
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))));
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
