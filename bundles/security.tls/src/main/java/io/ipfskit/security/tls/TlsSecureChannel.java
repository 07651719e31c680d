package io.ipfskit.security.tls;

import io.ipfskit.api.net.spi.SecureChannel;
import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.api.node.Node;
import io.ipfskit.multiformats.PeerId;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code /tls/1.0.0} secure channel (libp2p's TLS spec): TLS 1.3 only, both sides present a self-signed
 * certificate made once per instance for a fresh P-256 key, bound to the node's identity by the libp2p extension; the
 * muxer is agreed early in ALPN (the host's muxer ids, then {@code libp2p}; the dialler's order wins). Offered after
 * Noise (ranking -10).
 */
@Component(service = SecureChannel.class, property = {
    SecureChannel.PROTOCOL_ID + "=" + TlsSecureChannel.PROTOCOL, "service.ranking:Integer=-10"})
public final class TlsSecureChannel implements SecureChannel {

    /** The libp2p protocol id of TLS. */
    public static final String PROTOCOL = "/tls/1.0.0";

    /** How long a handshake may take before the channel is closed. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private static final String[] PROTOCOLS = {"TLSv1.3"};
    /** AES-GCM first: on the JDK it runs on the CPU's AES instructions, many times faster than ChaCha20. */
    private static final String[] CIPHER_SUITES = {
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"};

    private final SSLContext context;
    private final Duration handshakeTimeout;

    /** Makes the certificate key and certificate for the node's identity. */
    @Activate
    public TlsSecureChannel(@Reference Node node) {
        this(LocalCertificate.create(node), HANDSHAKE_TIMEOUT);
    }

    TlsSecureChannel(LocalCertificate local, Duration handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
        try {
            context = SSLContext.getInstance("TLSv1.3", BouncyCastle.JSSE);
            context.init(new KeyManager[] {new LocalKeyManager(local)}, new TrustManager[] {new PeerTrustManager()},
                    new SecureRandom());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle's JSSE provider cannot make a TLS 1.3 context", e);
        }
    }

    @Override
    public String protocolId() {
        return PROTOCOL;
    }

    @Override
    public CompletionStage<SecureSession> secure(Channel channel, boolean initiator, PeerId expectedRemote) {
        return secure(channel, initiator, expectedRemote, List.of());
    }

    @Override
    public CompletionStage<SecureSession> secure(Channel channel, boolean initiator, PeerId expectedRemote,
            List<String> muxers) {
        CompletableFuture<SecureSession> result = new CompletableFuture<>();
        SslHandler ssl = new SslHandler(engine(initiator, muxers));
        ssl.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        channel.pipeline().addLast("tls-first-record", new FirstRecordGuard());
        channel.pipeline().addLast("tls", ssl);
        channel.pipeline().addLast("tls-session", new TlsSessionHandler(ssl, expectedRemote, result));
        return result;
    }

    /** An engine for one connection: TLS 1.3, client authentication required, ALPN the muxers then {@code libp2p}. */
    SSLEngine engine(boolean client, List<String> muxers) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(client);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setCipherSuites(CIPHER_SUITES);
        List<String> alpn = new ArrayList<>(muxers);
        alpn.add(TlsSessionHandler.NO_EARLY_MUXER);
        parameters.setApplicationProtocols(alpn.toArray(String[]::new));
        if (!client) {
            parameters.setNeedClientAuth(true);
        }
        engine.setSSLParameters(parameters);
        if (!client) {
            engine.setHandshakeApplicationProtocolSelector((e, offered) -> firstShared(offered, alpn));
        }
        return engine;
    }

    /**
     * The dialler's first ALPN id that we offer too, as multistream-select lets the dialler's order win; null (the
     * handshake fails) when there is none, which a libp2p peer that always offers {@code libp2p} never causes.
     */
    static String firstShared(List<String> offered, List<String> ours) {
        return offered.stream().filter(ours::contains).findFirst().orElse(null);
    }
}
