package io.ipfskit.transport.quic;

import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import io.ipfskit.security.tls.Libp2pCertificates;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.incubator.codec.quic.QuicChannel;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Watches one QUIC connection's handshake: once it is established (the certificate chain already passed libp2p's
 * checks in the trust manager), names the remote from its certificate, refuses a peer other than the expected one, and
 * completes with the session; closes the connection when the handshake fails or outlasts its bound.
 */
final class QuicHandshake extends ChannelInboundHandlerAdapter {

    private final PeerId expected;
    private final QuicSettings settings;
    private final CompletableFuture<QuicSession> result = new CompletableFuture<>();
    private ScheduledFuture<?> timer;

    QuicHandshake(PeerId expected, QuicSettings settings) {
        this.expected = expected;
        this.settings = settings;
    }

    /** Completes with the authenticated session, or fails. */
    CompletableFuture<QuicSession> result() {
        return result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> fail(ctx, new IOException("quic handshake timed out after "
                + settings.handshakeTimeout().toMillis() + " ms")), settings.handshakeTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        if (ctx.channel().isActive()) {
            established(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        established(ctx);
        ctx.fireChannelActive();
    }

    private void established(ChannelHandlerContext ctx) {
        if (result.isDone()) {
            return;
        }
        QuicChannel channel = (QuicChannel) ctx.channel();
        try {
            PublicKey key = Libp2pCertificates.hostKey(channel.sslEngine().getSession().getPeerCertificates());
            PeerId peer = PeerId.fromPublicKey(key);
            if (expected != null && !expected.equals(peer)) {
                throw new CertificateException("quic: remote is " + peer + ", not the dialled " + expected);
            }
            QuicSession session = new QuicSession(channel, new SecureSession(peer, key, QuicTransport.PROTOCOL), settings);
            channel.attr(QuicSession.KEY).set(session);
            session.keepAlive(settings.keepAlivePeriod());
            timer.cancel(false);
            result.complete(session);
        } catch (CertificateException | SSLException | RuntimeException e) {
            fail(ctx, e);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new IOException("quic connection closed during its handshake"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!fail(ctx, cause)) {
            ctx.fireExceptionCaught(cause);
        }
    }

    private boolean fail(ChannelHandlerContext ctx, Throwable error) {
        if (timer != null) {
            timer.cancel(false);
        }
        if (result.completeExceptionally(error)) {
            ctx.channel().close();
            return true;
        }
        return false;
    }
}
