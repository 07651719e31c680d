package io.ipfskit.security.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.List;
import javax.crypto.AEADBadTagException;

/** Decrypts inbound Noise transport messages into plaintext buffers; a forged or short message closes the channel. */
final class NoiseDecoder extends ByteToMessageDecoder {

    private static final System.Logger LOG = System.getLogger(NoiseDecoder.class.getName());

    private final CipherState cipher;
    /** Set once the channel failed: what is left or still arrives is dropped, never decrypted. */
    private boolean failed;

    NoiseDecoder(CipherState cipher) {
        this.cipher = cipher;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= 2) {
            int length = in.getUnsignedShort(in.readerIndex());
            if (length < CipherState.TAG) {
                throw new NoiseProtocolException("noise transport message of " + length + " bytes is shorter than its tag");
            }
            if (in.readableBytes() < 2 + length) {
                return;
            }
            ByteBuf plain = ctx.alloc().buffer(length - CipherState.TAG);
            boolean decrypted = false;
            try {
                cipher.decrypt(new byte[0], in.nioBuffer(in.readerIndex() + 2, length),
                        plain.nioBuffer(0, length - CipherState.TAG));
                decrypted = true;
            } catch (AEADBadTagException e) {
                throw new NoiseProtocolException("noise transport message does not authenticate", e);
            } finally {
                if (!decrypted) {
                    plain.release();
                }
            }
            in.skipBytes(2 + length);
            plain.writerIndex(length - CipherState.TAG);
            if (plain.isReadable()) {
                out.add(plain);
            } else {
                plain.release();
            }
        }
    }

    /**
     * Closes the channel. A forged or malformed message or a failed connection ends there; anything else is a bug and
     * also goes on down the pipeline, so it is reported rather than swallowed.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        failed = true;
        ctx.close();
        if (reason instanceof NoiseProtocolException) {
            LOG.log(System.Logger.Level.INFO, "closing noise channel to {0}: {1}", ctx.channel().remoteAddress(),
                    reason.getMessage());
        } else if (cause instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, "noise channel to {0} failed: {1}", ctx.channel().remoteAddress(), cause);
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
