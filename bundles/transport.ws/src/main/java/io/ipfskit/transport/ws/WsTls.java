package io.ipfskit.transport.ws;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.File;
import java.io.IOException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * TLS for {@code /tls/ws}: a server side only when a certificate and key are configured; a client side that checks the
 * server's certificate and host name against the JDK's trust store, or against configured certificates instead.
 */
final class WsTls {

    private final SslContext server;
    private final SslContext client;

    private WsTls(SslContext server, SslContext client) {
        this.server = server;
        this.client = client;
    }

    /** From PEM file paths; an empty certificate means no secure listener, empty trust means the JDK's trust store. */
    static WsTls of(String certificate, String privateKey, String trusted) throws IOException {
        try {
            SslContext server = certificate.isBlank() ? null
                    : SslContextBuilder.forServer(new File(certificate), new File(privateKey)).build();
            SslContextBuilder client = SslContextBuilder.forClient();
            if (!trusted.isBlank()) {
                client.trustManager(new File(trusted));
            }
            return new WsTls(server, client.build());
        } catch (IllegalArgumentException | javax.net.ssl.SSLException e) {
            throw new IOException("WebSocket TLS configuration: " + e.getMessage(), e);
        }
    }

    /** Fails unless a certificate is configured. */
    void requireServer() throws IOException {
        if (server == null) {
            throw new IOException("a /tls/ws listener needs a certificate (io.ipfskit.transport.ws: certificate, privateKey)");
        }
    }

    /** The TLS handler of an accepted channel. */
    SslHandler server(Channel channel) {
        return server.newHandler(channel.alloc());
    }

    /** The TLS handler of a dialled channel: SNI and the host name checked as HTTPS does. */
    SslHandler client(Channel channel, String host, int port) {
        SslHandler handler = client.newHandler(channel.alloc(), host, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return handler;
    }
}
