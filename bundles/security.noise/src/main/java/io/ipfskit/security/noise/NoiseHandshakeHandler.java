package io.ipfskit.security.noise;

import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the XX handshake on a channel in 2-byte-length frames; on success installs the transport codec after itself,
 * completes the session, then removes itself so bytes that followed the handshake reach the codec.
 */
final class NoiseHandshakeHandler extends ByteToMessageDecoder {

    private static final System.Logger LOG = System.getLogger(NoiseHandshakeHandler.class.getName());

    private final boolean initiator;
    private final XXHandshake handshake;
    private final byte[] localPayload;
    private final PeerId expected;
    private final CompletableFuture<SecureSession> result;
    private boolean started;
    private boolean messageOneRead;
    /** Set once the handshake failed: what is left or still arrives is dropped. */
    private boolean failed;

    NoiseHandshakeHandler(boolean initiator, X25519.Pair staticKeys, byte[] localPayload, PeerId expected,
            CompletableFuture<SecureSession> result) {
        this.initiator = initiator;
        this.handshake = new XXHandshake(initiator, staticKeys);
        this.localPayload = localPayload;
        this.expected = expected;
        this.result = result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    private void start(ChannelHandlerContext ctx) throws GeneralSecurityException {
        if (!started) {
            started = true;
            if (initiator) {
                send(ctx, handshake.writeMessage1());
            }
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        byte[] message = NoiseFrames.read(in);
        if (message == null) {
            return;
        }
        if (initiator) {
            PublicKey remote = verify(handshake.readMessage2(message));
            send(ctx, handshake.writeMessage3(localPayload));
            finish(ctx, remote);
        } else if (messageOneRead) {
            finish(ctx, verify(handshake.readMessage3(message)));
        } else {
            handshake.readMessage1(message);
            messageOneRead = true;
            send(ctx, handshake.writeMessage2(localPayload));
        }
    }

    /** Authenticates the remote: its identity key signed our view of its static key, and it is the dialled peer. */
    private PublicKey verify(byte[] payloadBytes) throws NoiseProtocolException {
        HandshakePayload payload = HandshakePayload.decode(payloadBytes);
        PublicKey key;
        try {
            key = PublicKey.unmarshal(payload.identityKey());
        } catch (IllegalArgumentException e) {
            throw new NoiseProtocolException("noise: bad identity key: " + e.getMessage(), e);
        }
        if (!key.verify(HandshakePayload.signedData(handshake.remoteStaticKey()), payload.identitySignature())) {
            throw new NoiseProtocolException("noise: identity signature over the static key does not verify");
        }
        PeerId peer = PeerId.fromPublicKey(key);
        if (expected != null && !expected.equals(peer)) {
            throw new NoiseProtocolException("noise: remote is " + peer + ", not the dialled " + expected);
        }
        return key;
    }

    private void finish(ChannelHandlerContext ctx, PublicKey remote) {
        CipherState[] ciphers = handshake.transportCiphers();
        ctx.pipeline().addAfter(ctx.name(), "noise-decoder", new NoiseDecoder(ciphers[1]));
        ctx.pipeline().addAfter(ctx.name(), "noise-encoder", new NoiseEncoder(ciphers[0]));
        result.complete(new SecureSession(PeerId.fromPublicKey(remote), remote, NoiseSecureChannel.PROTOCOL));
        ctx.pipeline().remove(this);
    }

    private static void send(ChannelHandlerContext ctx, byte[] message) {
        ctx.writeAndFlush(NoiseFrames.frame(ctx.alloc(), message));
    }

    /**
     * Fails the handshake and closes the channel. A protocol violation or a failed connection ends there; anything else
     * is a bug and also goes on down the pipeline, so it is reported rather than swallowed.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        failed = true;
        result.completeExceptionally(reason);
        ctx.close();
        if (reason instanceof NoiseProtocolException) {
            LOG.log(System.Logger.Level.INFO, "noise handshake with {0} refused: {1}", ctx.channel().remoteAddress(),
                    reason.getMessage());
        } else if (cause instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, "noise handshake with {0} failed: {1}", ctx.channel().remoteAddress(), cause);
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.completeExceptionally(new ClosedChannelException());
        super.channelInactive(ctx);
    }
}
