package io.ipfskit.security.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.PromiseNotifier;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Encrypts outbound plaintext into Noise transport messages. What is written between two flushes is packed into as few
 * messages as it fills (each full one carries 65519 bytes): the plaintext is gathered into one reused array, sealed
 * there in place, and copied once into a buffer for the socket. A write's promise completes with the message that
 * carries its last byte.
 */
final class NoiseEncoder extends ChannelOutboundHandlerAdapter {

    private record Pending(ByteBuf data, ChannelPromise promise) {
    }

    private final CipherState cipher;
    /** The message being filled: its 2-byte length, then plaintext (sealed in place), then room for the tag. */
    private final byte[] message = new byte[2 + NoiseFrames.MAX_MESSAGE];
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** The promises of the writes whose last byte is in the message being filled. */
    private final List<ChannelPromise> completing = new ArrayList<>();

    NoiseEncoder(CipherState cipher) {
        this.cipher = cipher;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf data) {
            pending.add(new Pending(data, promise));
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) throws Exception {
        int filled = 0;
        for (Pending p; (p = pending.peek()) != null; ) {
            int piece = Math.min(p.data().readableBytes(), NoiseFrames.MAX_PLAINTEXT - filled);
            p.data().readBytes(message, 2 + filled, piece);
            filled += piece;
            if (!p.data().isReadable()) {
                pending.poll();
                p.data().release();
                completing.add(p.promise());
            }
            if (filled == NoiseFrames.MAX_PLAINTEXT) {
                send(ctx, filled);
                filled = 0;
            }
        }
        if (filled > 0 || !completing.isEmpty()) {
            send(ctx, filled);
        }
        ctx.flush();
    }

    /** Seals the gathered plaintext and writes it as one message (nothing for empty writes alone), with its promises. */
    private void send(ChannelHandlerContext ctx, int filled) throws Exception {
        ByteBuf out;
        if (filled == 0) {
            out = Unpooled.EMPTY_BUFFER;
        } else {
            int sealed = cipher.seal(message, 2, filled);
            message[0] = (byte) (sealed >>> 8);
            message[1] = (byte) sealed;
            out = ctx.alloc().ioBuffer(2 + sealed).writeBytes(message, 0, 2 + sealed);
        }
        ctx.write(out, promise(ctx));
        completing.clear();
    }

    /** One promise for the message: none, the single write's own, or one that completes all of them. */
    private ChannelPromise promise(ChannelHandlerContext ctx) {
        completing.removeIf(ChannelPromise::isVoid);
        if (completing.isEmpty()) {
            return ctx.voidPromise();
        }
        if (completing.size() == 1) {
            return completing.get(0);
        }
        ChannelPromise all = ctx.newPromise();
        all.addListener(new PromiseNotifier<>(completing.toArray(new ChannelPromise[0])));
        return all;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ClosedChannelException closed = new ClosedChannelException();
        for (Pending p; (p = pending.poll()) != null; ) {
            ReferenceCountUtil.release(p.data());
            p.promise().tryFailure(closed);
        }
        completing.forEach(p -> p.tryFailure(closed));
        completing.clear();
    }
}
