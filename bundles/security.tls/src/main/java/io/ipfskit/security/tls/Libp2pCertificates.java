package io.ipfskit.security.tls;

import io.ipfskit.api.node.Node;
import io.ipfskit.multiformats.keys.PublicKey;
import java.security.KeyPair;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * libp2p's TLS certificates for a transport that runs TLS 1.3 itself (QUIC): the certificate that speaks for the node,
 * the checks a remote's chain must pass (the same as {@code /tls/1.0.0}'s), and the host key a checked chain names.
 */
public final class Libp2pCertificates {

    private Libp2pCertificates() {
    }

    /** Offers, on either side, a certificate for a fresh ECDSA P-256 key bound to the node's identity. */
    public static X509ExtendedKeyManager keyManager(Node node) {
        return new LocalKeyManager(LocalCertificate.create(node));
    }

    /** Offers the given key and certificate, whatever they claim (tests present forged certificates with it). */
    public static X509ExtendedKeyManager keyManager(KeyPair keys, X509Certificate certificate) {
        return new LocalKeyManager(new LocalCertificate(keys, certificate));
    }

    /** Trusts a remote's chain exactly when libp2p's TLS spec accepts it (read by BouncyCastle, never by the JDK). */
    public static X509ExtendedTrustManager trustManager() {
        return new PeerTrustManager();
    }

    /** The host key named by a chain {@link #trustManager()} accepted in the handshake. */
    public static PublicKey hostKey(Certificate[] verifiedChain) throws TlsPeerException {
        return PeerCertificates.hostKeyOfVerified(verifiedChain);
    }
}
