package io.ipfskit.security.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import javax.crypto.AEADBadTagException;

/**
 * Decrypts inbound Noise transport messages into plaintext buffers; a forged or short message closes the channel. The
 * sealed bytes of each message are gathered, as they arrive, at the start of an array (where the JDK opens a message
 * without copying it) and opened straight into the plaintext buffer passed on: no accumulation, no other copy. The
 * array is taken when a message starts and reused while reads keep coming; it is let go at the end of a read that
 * leaves no message half gathered, so an idle connection holds none (an eager 64 KiB array per connection was most of
 * an idle connection's heap).
 */
final class NoiseDecoder extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(NoiseDecoder.class.getName());

    private final CipherState cipher;
    /** Where the message being gathered goes; null between reads that left none half gathered. */
    private byte[] sealed;
    /** The 2-byte length prefix read so far (-1 when none of it). */
    private int prefix = -1;
    /** The length of the message being gathered, or -1 while its prefix is incomplete. */
    private int length = -1;
    private int gathered;
    /** Set once the channel failed: what is left or still arrives is dropped, never decrypted. */
    private boolean failed;

    NoiseDecoder(CipherState cipher) {
        this.cipher = cipher;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        ByteBuf in = (ByteBuf) msg;
        try {
            while (!failed && in.isReadable()) {
                if (length < 0) {
                    readPrefix(in);
                } else {
                    int piece = Math.min(length - gathered, in.readableBytes());
                    in.readBytes(sealed, gathered, piece);
                    gathered += piece;
                }
                if (length >= 0 && gathered == length) {
                    open(ctx);
                }
            }
        } catch (NoiseProtocolException e) {
            exceptionCaught(ctx, e);
        } finally {
            in.release();
        }
    }

    private void readPrefix(ByteBuf in) throws NoiseProtocolException {
        int b = in.readUnsignedByte();
        if (prefix < 0) {
            prefix = b;
            return;
        }
        length = prefix << 8 | b;
        prefix = -1;
        gathered = 0;
        if (length < CipherState.TAG) {
            throw new NoiseProtocolException("noise transport message of " + length + " bytes is shorter than its tag");
        }
        if (sealed == null || sealed.length < length) {
            sealed = new byte[length];
        }
    }

    /** Lets the array go when the read ended between messages, so that an idle connection holds none. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (length < 0) {
            sealed = null;
        }
        ctx.fireChannelReadComplete();
    }

    /** The bytes this decoder holds for messages between reads (0 when the last read ended between messages). */
    int heldBytes() {
        return sealed == null ? 0 : sealed.length;
    }

    private void open(ChannelHandlerContext ctx) throws Exception {
        int size = length - CipherState.TAG;
        length = -1;
        ByteBuf plain = ctx.alloc().heapBuffer(size);
        try {
            if (plain.hasArray()) {
                cipher.open(sealed, size + CipherState.TAG, plain.array(), plain.arrayOffset() + plain.writerIndex());
            } else {
                cipher.open(sealed, size + CipherState.TAG, sealed, 0);
                plain.writeBytes(sealed, 0, size);
            }
        } catch (AEADBadTagException e) {
            plain.release();
            throw new NoiseProtocolException("noise transport message does not authenticate", e);
        } catch (Exception e) {
            plain.release();
            throw e;
        }
        plain.writerIndex(size);
        if (size > 0) {
            ctx.fireChannelRead(plain);
        } else {
            plain.release();
        }
    }

    /**
     * Closes the channel. A forged or malformed message or a failed connection ends there; anything else is a bug and
     * also goes on down the pipeline, so it is reported rather than swallowed.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed = true;
        ctx.close();
        if (cause instanceof NoiseProtocolException) {
            LOG.log(System.Logger.Level.INFO, "closing noise channel to {0}: {1}", ctx.channel().remoteAddress(),
                    cause.getMessage());
        } else if (cause instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, "noise channel to {0} failed: {1}", ctx.channel().remoteAddress(), cause);
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
