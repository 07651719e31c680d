package io.ipfskit.security.tls;

import io.ipfskit.multiformats.keys.PublicKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * Checks a remote's certificate chain as libp2p's TLS spec says and names the host key it proves: exactly one
 * certificate, valid now, correctly self-signed, no critical extension but libp2p's, that extension present and its
 * signature by the host key over the certificate's key valid.
 */
final class PeerCertificates {

    private PeerCertificates() {
    }

    /** The remote's host key, or a {@link TlsPeerException} saying which rule the chain breaks. */
    static PublicKey verify(java.security.cert.Certificate[] chain, Instant now) throws TlsPeerException {
        X509Certificate certificate = single(chain);
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new TlsPeerException("tls: certificate not valid now: " + e.getMessage(), e);
        }
        try {
            certificate.verify(certificate.getPublicKey(), BouncyCastle.PROVIDER);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TlsPeerException("tls: certificate self-signature does not verify: " + e.getMessage(), e);
        }
        Set<String> critical = certificate.getCriticalExtensionOIDs();
        if (critical != null && critical.stream().anyMatch(oid -> !oid.equals(SignedKey.OID))) {
            throw new TlsPeerException("tls: certificate has a critical extension other than libp2p's: " + critical);
        }
        SignedKey signed = signedKey(certificate);
        PublicKey hostKey = hostKey(signed);
        if (!hostKey.verify(SignedKey.signedData(subjectPublicKeyInfo(certificate)), signed.signature())) {
            throw new TlsPeerException("tls: the host key's signature over the certificate key does not verify");
        }
        return hostKey;
    }

    /**
     * The host key a chain that {@link #verify} accepted names, read again without repeating its signature checks (the
     * handshake's peer certificates, which its trust manager verified).
     */
    static PublicKey hostKeyOfVerified(java.security.cert.Certificate[] chain) throws TlsPeerException {
        return hostKey(signedKey(single(chain)));
    }

    private static X509Certificate single(java.security.cert.Certificate[] chain) throws TlsPeerException {
        if (chain == null || chain.length != 1) {
            throw new TlsPeerException("tls: expected exactly one certificate, got " + (chain == null ? 0 : chain.length));
        }
        if (!(chain[0] instanceof X509Certificate)) {
            throw new TlsPeerException("tls: not an X.509 certificate");
        }
        return readByBouncyCastle(chain[0]);
    }

    /**
     * The certificate as BouncyCastle reads its bytes: a transport that does its own TLS (QUIC's BoringSSL) hands over
     * certificates the JDK's parser would read, and that parser refuses libp2p's empty issuer names.
     */
    private static X509Certificate readByBouncyCastle(java.security.cert.Certificate certificate) throws TlsPeerException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509", BouncyCastle.PROVIDER)
                    .generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TlsPeerException("tls: cannot read the certificate: " + e.getMessage(), e);
        }
    }

    private static SignedKey signedKey(X509Certificate certificate) throws TlsPeerException {
        byte[] extension = certificate.getExtensionValue(SignedKey.OID);
        if (extension == null) {
            throw new TlsPeerException("tls: certificate lacks the libp2p key extension " + SignedKey.OID);
        }
        return SignedKey.decode(ASN1OctetString.getInstance(extension).getOctets());
    }

    private static PublicKey hostKey(SignedKey signed) throws TlsPeerException {
        try {
            return PublicKey.unmarshal(signed.publicKey());
        } catch (IllegalArgumentException e) {
            throw new TlsPeerException("tls: bad host key in the extension: " + e.getMessage(), e);
        }
    }

    /** The certificate's SubjectPublicKeyInfo as it was sent (in DER). */
    private static byte[] subjectPublicKeyInfo(X509Certificate certificate) throws TlsPeerException {
        try {
            return Certificate.getInstance(certificate.getEncoded()).getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new TlsPeerException("tls: cannot read the certificate's key: " + e.getMessage(), e);
        }
    }
}
