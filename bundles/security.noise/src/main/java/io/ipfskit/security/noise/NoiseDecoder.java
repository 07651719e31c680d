package io.ipfskit.security.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.List;

/** Decrypts inbound Noise transport messages into plaintext buffers; a forged or short message closes the channel. */
final class NoiseDecoder extends ByteToMessageDecoder {

    private static final System.Logger LOG = System.getLogger(NoiseDecoder.class.getName());

    private final CipherState cipher;

    NoiseDecoder(CipherState cipher) {
        this.cipher = cipher;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        while (in.readableBytes() >= 2) {
            int length = in.getUnsignedShort(in.readerIndex());
            if (length < CipherState.TAG) {
                throw new IOException("noise transport message of " + length + " bytes is shorter than its tag");
            }
            if (in.readableBytes() < 2 + length) {
                return;
            }
            ByteBuf plain = ctx.alloc().buffer(length - CipherState.TAG);
            try {
                cipher.decrypt(new byte[0], in.nioBuffer(in.readerIndex() + 2, length),
                        plain.nioBuffer(0, length - CipherState.TAG));
            } catch (Exception e) {
                plain.release();
                throw e;
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

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        LOG.log(System.Logger.Level.INFO, "closing noise channel to {0}: {1}", ctx.channel().remoteAddress(), reason.toString());
        ctx.close();
    }
}
