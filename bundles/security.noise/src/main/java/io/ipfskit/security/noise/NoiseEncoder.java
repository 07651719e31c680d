package io.ipfskit.security.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Encrypts outbound plaintext buffers into Noise transport messages of at most 65535 bytes each. */
final class NoiseEncoder extends MessageToByteEncoder<ByteBuf> {

    private final CipherState cipher;

    NoiseEncoder(CipherState cipher) {
        super(ByteBuf.class);
        this.cipher = cipher;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, ByteBuf msg, boolean preferDirect) {
        int length = msg.readableBytes();
        int chunks = Math.max(1, (length + NoiseFrames.MAX_PLAINTEXT - 1) / NoiseFrames.MAX_PLAINTEXT);
        return ctx.alloc().buffer(length + chunks * (2 + CipherState.TAG));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, ByteBuf out) throws Exception {
        while (msg.isReadable()) {
            int length = Math.min(msg.readableBytes(), NoiseFrames.MAX_PLAINTEXT);
            int sealed = length + CipherState.TAG;
            out.ensureWritable(2 + sealed);
            out.writeShort(sealed);
            cipher.encrypt(new byte[0], msg.nioBuffer(msg.readerIndex(), length), out.nioBuffer(out.writerIndex(), sealed));
            out.writerIndex(out.writerIndex() + sealed);
            msg.skipBytes(length);
        }
    }
}
