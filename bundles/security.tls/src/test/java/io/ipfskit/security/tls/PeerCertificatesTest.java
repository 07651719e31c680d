package io.ipfskit.security.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.testkit.TestNode;
import java.security.KeyPair;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.junit.jupiter.api.Test;

/** Each rule of libp2p's TLS certificate check refuses the certificate that breaks it, and only that one. */
class PeerCertificatesTest {

    private static final byte[] DER_NULL = {0x05, 0x00};

    private final TestNode node = new TestNode();
    private final Instant now = Instant.now();

    private static Certificate[] chain(LocalCertificate... certificates) {
        Certificate[] chain = new Certificate[certificates.length];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = certificates[i].certificate();
        }
        return chain;
    }

    private String refusal(LocalCertificate... certificates) {
        return assertThrows(TlsPeerException.class, () -> PeerCertificates.verify(chain(certificates), now)).getMessage();
    }

    /** A certificate for a fresh key carrying the given SignedKey, plus any extra extension. */
    private static LocalCertificate carrying(KeyPair keys, SignedKey signed, String extraOid, boolean extraCritical) {
        X509v3CertificateBuilder builder = LocalCertificate.builder(keys.getPublic().getEncoded(),
                Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
        if (signed != null) {
            builder = LocalCertificate.withExtension(builder, SignedKey.OID, true, signed.encode());
        }
        if (extraOid != null) {
            builder = LocalCertificate.withExtension(builder, extraOid, extraCritical, DER_NULL);
        }
        return LocalCertificate.sign(keys, builder);
    }

    private SignedKey honest(KeyPair keys) {
        return new SignedKey(node.publicKey().marshal(), node.sign(SignedKey.signedData(keys.getPublic().getEncoded())));
    }

    @Test
    void anHonestCertificateNamesTheHostKey() throws TlsPeerException {
        assertEquals(node.publicKey(), PeerCertificates.verify(chain(LocalCertificate.create(node)), now));
        KeyPair keys = LocalCertificate.newKey();
        assertEquals(node.publicKey(), PeerCertificates.verify(chain(carrying(keys, honest(keys), "1.2.3.4", false)), now),
                "an unknown extension that is not critical is ignored");
    }

    @Test
    void exactlyOneCertificate() {
        assertTrue(refusal(LocalCertificate.create(node), LocalCertificate.create(node)).contains("exactly one"));
        assertTrue(refusal().contains("exactly one"));
    }

    @Test
    void expiredOrNotYetValid() {
        assertTrue(refusal(LocalCertificate.create(node, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)), true))
                .contains("not valid now"));
        assertTrue(refusal(LocalCertificate.create(node, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)), true))
                .contains("not valid now"));
    }

    @Test
    void aSelfSignatureByAnotherKey() {
        KeyPair keys = LocalCertificate.newKey();
        KeyPair other = LocalCertificate.newKey();
        X509v3CertificateBuilder builder = LocalCertificate.withExtension(
                LocalCertificate.builder(keys.getPublic().getEncoded(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1))),
                SignedKey.OID, true, honest(keys).encode());
        assertTrue(refusal(LocalCertificate.sign(other, builder)).contains("self-signature"));
    }

    @Test
    void anUnknownCriticalExtension() {
        KeyPair keys = LocalCertificate.newKey();
        assertTrue(refusal(carrying(keys, honest(keys), "1.2.3.4", true)).contains("critical extension"));
    }

    @Test
    void theKeyExtensionMissing() {
        assertTrue(refusal(carrying(LocalCertificate.newKey(), null, null, false)).contains("lacks the libp2p key extension"));
    }

    @Test
    void aHostKeySignatureOverAnotherCertificateKey() {
        KeyPair keys = LocalCertificate.newKey();
        SignedKey forOtherKey = honest(LocalCertificate.newKey());
        assertTrue(refusal(carrying(keys, forOtherKey, null, false)).contains("does not verify"));
    }

    @Test
    void aSignatureByAnotherHostKey() {
        KeyPair keys = LocalCertificate.newKey();
        SignedKey claimed = new SignedKey(node.publicKey().marshal(),
                new TestNode().sign(SignedKey.signedData(keys.getPublic().getEncoded())));
        assertTrue(refusal(carrying(keys, claimed, null, false)).contains("does not verify"));
    }

    @Test
    void aHostKeyThatIsNoKey() {
        KeyPair keys = LocalCertificate.newKey();
        assertTrue(refusal(carrying(keys, new SignedKey(new byte[] {1, 2, 3}, new byte[64]), null, false))
                .contains("bad host key"));
    }
}
