package io.ipfskit.security.tls;

import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * The BouncyCastle provider instances this bundle uses explicitly (never installed JVM-wide): BC parses certificates
 * (the JDK refuses libp2p's empty issuer names), the JDK's providers do the ciphers (AES-GCM with CPU instructions).
 */
final class BouncyCastle {

    /** BC's JCA provider, for certificates and their signatures. */
    static final Provider PROVIDER = new BouncyCastleProvider();

    /** BC's JSSE provider: TLS from BC, certificates parsed by {@link #PROVIDER}, all other crypto from the JDK. */
    static final Provider JSSE = new BouncyCastleJsseProvider(false, new JcaTlsCryptoProvider() {
        private final JcaJceHelper helper = new JdkCryptoBcCertificates();

        @Override
        public JcaJceHelper getHelper() {
            return helper;
        }
    });

    private BouncyCastle() {
    }

    /** The JDK's providers for everything but certificate parsing. */
    private static final class JdkCryptoBcCertificates extends DefaultJcaJceHelper {
        @Override
        public CertificateFactory createCertificateFactory(String type) throws CertificateException {
            return CertificateFactory.getInstance(type, PROVIDER);
        }
    }
}
