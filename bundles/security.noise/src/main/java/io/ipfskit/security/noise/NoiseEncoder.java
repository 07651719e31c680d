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
 * Encrypts outbound plaintext into Noise transport messages, as few as it fills: each full message (65519 bytes of
 * plaintext) goes as soon as the writes add up to one, so the channel's writability sees what waits; the rest goes at
 * the next flush. Plaintext is gathered into one reused array, sealed there in place and copied once into a buffer for
 * the socket. A write's promise completes with the message that carries its last byte.
 */
final class NoiseEncoder extends ChannelOutboundHandlerAdapter {

    private record Pending(ByteBuf data, ChannelPromise promise) {
    }

    /**
     * Per thread, the message being filled: its 2-byte length, then plaintext (sealed in place), then room for the tag.
     * It holds nothing between a {@link #gather} and the {@link #send} that follows it on the same thread. A JDK
     * ThreadLocal, not Netty's FastThreadLocal: the transport's threads outlive this bundle, and a FastThreadLocal
     * stays strongly reachable from each thread that used it (so would this bundle's class loader after an update).
     */
    private static final ThreadLocal<byte[]> MESSAGE =
            ThreadLocal.withInitial(() -> new byte[2 + NoiseFrames.MAX_MESSAGE]);

    private final CipherState cipher;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long pendingBytes;
    /** The promises of the writes whose last byte is in the message being filled. */
    private final List<ChannelPromise> completing = new ArrayList<>();

    NoiseEncoder(CipherState cipher) {
        this.cipher = cipher;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof ByteBuf data) {
            pending.add(new Pending(data, promise));
            pendingBytes += data.readableBytes();
            while (pendingBytes >= NoiseFrames.MAX_PLAINTEXT) {
                byte[] message = MESSAGE.get();
                send(ctx, message, gather(message, NoiseFrames.MAX_PLAINTEXT));
            }
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) throws Exception {
        while (!pending.isEmpty()) {
            byte[] message = MESSAGE.get();
            send(ctx, message, gather(message, (int) Math.min(pendingBytes, NoiseFrames.MAX_PLAINTEXT)));
        }
        ctx.flush();
    }

    /** Moves {@code length} pending bytes into the message, and the promises of the writes that end there; returns it. */
    private int gather(byte[] message, int length) {
        int filled = 0;
        for (Pending p; (p = pending.peek()) != null && (filled < length || !p.data().isReadable()); ) {
            int piece = Math.min(p.data().readableBytes(), length - filled);
            p.data().readBytes(message, 2 + filled, piece);
            filled += piece;
            if (!p.data().isReadable()) {
                pending.poll();
                p.data().release();
                completing.add(p.promise());
            }
        }
        pendingBytes -= filled;
        return filled;
    }

    /** Seals the gathered plaintext and writes it as one message (nothing for empty writes alone), with its promises. */
    private void send(ChannelHandlerContext ctx, byte[] message, int filled) throws Exception {
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
        pendingBytes = 0;
        for (Pending p; (p = pending.poll()) != null; ) {
            ReferenceCountUtil.release(p.data());
            p.promise().tryFailure(closed);
        }
        completing.forEach(p -> p.tryFailure(closed));
        completing.clear();
    }
}
