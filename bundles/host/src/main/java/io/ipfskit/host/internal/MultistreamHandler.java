package io.ipfskit.host.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.function.Consumer;

/**
 * Negotiates a protocol on a whole channel. Once agreed, it calls {@code onAgreed} (which adds the next stage at the end
 * of the pipeline) and removes itself, passing the bytes that followed the agreement to that stage.
 */
final class MultistreamHandler extends ByteToMessageDecoder {

    private final Negotiator negotiator;
    private final Consumer<String> onAgreed;
    private final Consumer<Throwable> onFailure;
    private boolean started;

    MultistreamHandler(Negotiator negotiator, Consumer<String> onAgreed, Consumer<Throwable> onFailure) {
        this.negotiator = negotiator;
        this.onAgreed = onAgreed;
        this.onFailure = onFailure;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    private void start(ChannelHandlerContext ctx) {
        if (started) {
            return;
        }
        started = true;
        ByteBuf out = ctx.alloc().buffer();
        negotiator.start(out);
        send(ctx, out);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> unused) throws Exception {
        ByteBuf out = ctx.alloc().buffer();
        String agreed;
        try {
            agreed = negotiator.feed(in, out);
        } finally {
            send(ctx, out);
        }
        if (agreed != null) {
            onAgreed.accept(agreed);
            ctx.pipeline().remove(this);
        }
    }

    private static void send(ChannelHandlerContext ctx, ByteBuf out) {
        if (out.isReadable()) {
            ctx.writeAndFlush(out);
        } else {
            out.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        onFailure.accept(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        onFailure.accept(new java.io.IOException("the remote closed the connection during protocol negotiation"));
        super.channelInactive(ctx);
    }
}
