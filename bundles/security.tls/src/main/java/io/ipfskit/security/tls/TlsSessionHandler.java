package io.ipfskit.security.tls;

import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * Sits behind the {@link SslHandler}: when its handshake ends, names the authenticated peer (refusing one other than the
 * dialled), reads the muxer agreed in ALPN and completes the session, passing plaintext on from then; a TLS failure at
 * any time (a bad handshake, a forged or corrupt record) closes the channel there instead of travelling on.
 */
final class TlsSessionHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(TlsSessionHandler.class.getName());

    /** The ALPN id that means "no early muxer": multistream-select picks it afterwards. */
    static final String NO_EARLY_MUXER = "libp2p";

    private final SslHandler ssl;
    private final PeerId expected;
    private final CompletableFuture<SecureSession> result;

    TlsSessionHandler(SslHandler ssl, PeerId expected, CompletableFuture<SecureSession> result) {
        this.ssl = ssl;
        this.expected = expected;
        this.result = result;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (!(event instanceof SslHandshakeCompletionEvent completion)) {
            super.userEventTriggered(ctx, event);
        } else if (!completion.isSuccess()) {
            exceptionCaught(ctx, completion.cause());
        } else {
            try {
                finish(ctx);
            } catch (TlsPeerException | SSLException e) {
                exceptionCaught(ctx, e);
            }
        }
    }

    private void finish(ChannelHandlerContext ctx) throws TlsPeerException, SSLException {
        SSLSession session = ssl.engine().getSession();
        PublicKey key = PeerCertificates.hostKeyOfVerified(session.getPeerCertificates());
        PeerId peer = PeerId.fromPublicKey(key);
        if (expected != null && !expected.equals(peer)) {
            throw new TlsPeerException("tls: remote is " + peer + ", not the dialled " + expected);
        }
        String alpn = ssl.engine().getApplicationProtocol();
        String muxer = alpn == null || alpn.isEmpty() || alpn.equals(NO_EARLY_MUXER) ? null : alpn;
        result.complete(new SecureSession(peer, key, TlsSecureChannel.PROTOCOL, muxer));
    }

    /** Plaintext passes once the session is complete; nothing arrives before, and after a failure it is dropped. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (result.isDone() && !result.isCompletedExceptionally()) {
            ctx.fireChannelRead(msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Fails the handshake if it is still running and closes the channel. A TLS failure (refused or broken by the remote)
     * ends here; during the handshake so does a failed connection; anything else goes on down the pipeline, where a bug
     * is reported rather than swallowed and the muxer sees its connection's failures.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        boolean handshaking = result.completeExceptionally(reason);
        if (reason instanceof SSLException || reason instanceof TlsPeerException) {
            ctx.close();
            LOG.log(handshaking ? System.Logger.Level.INFO : System.Logger.Level.DEBUG, "tls with {0} refused: {1}",
                    ctx.channel().remoteAddress(), reason.getMessage());
        } else if (handshaking && reason instanceof IOException) {
            ctx.close();
            LOG.log(System.Logger.Level.DEBUG, "tls handshake with {0} failed: {1}", ctx.channel().remoteAddress(), reason);
        } else {
            if (handshaking) {
                ctx.close();
            }
            ctx.fireExceptionCaught(cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.completeExceptionally(new ClosedChannelException());
        super.channelInactive(ctx);
    }
}
