package io.ipfskit.security.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.KeyPair;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Jazzer: a certificate, correctly self-signed and valid, whose libp2p extension holds arbitrary bytes is either refused
 * with a TlsPeerException or names the host key that signed it; any other exception fails the run. The bytes reach the
 * DER reader, the key protobuf parser and the signature check. Without JAZZER_FUZZ=1 only the seeds in
 * src/test/resources/io/ipfskit/security/tls/KeyExtensionFuzzTestInputs/keyExtension replay; to fuzz:
 * <pre>JAZZER_FUZZ=1 JAZZER_INSTRUMENT='io.ipfskit.**' mvn -pl bundles/security.tls test \
 *     -Dtest=KeyExtensionFuzzTest#keyExtension</pre>
 */
class KeyExtensionFuzzTest {

    private static final KeyPair KEYS = LocalCertificate.newKey();
    private static final Instant NOW = Instant.now();

    @FuzzTest(maxDuration = "30s")
    void keyExtension(byte[] value) {
        byte[] bounded = Arrays.copyOf(value, Math.min(value.length, SignedKey.MAX_ENCODED + 16));
        LocalCertificate certificate = LocalCertificate.sign(KEYS, LocalCertificate.withExtension(LocalCertificate.builder(
                KEYS.getPublic().getEncoded(), NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1))),
                SignedKey.OID, true, bounded));
        try {
            PeerCertificates.verify(new Certificate[] {certificate.certificate()}, NOW);
        } catch (TlsPeerException refused) {
            assertEquals(TlsPeerException.class, refused.getClass());
        }
    }
}
