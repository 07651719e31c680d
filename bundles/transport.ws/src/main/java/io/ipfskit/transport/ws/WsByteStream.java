package io.ipfskit.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes an upgraded WebSocket look like a byte stream, as libp2p's WebSocket transport is: binary messages in, each
 * written buffer out as one binary message. Once the HTTP upgrade completes it hands the channel to the next
 * initializer (the host's security upgrade); anything else — a text message, HTTP without an upgrade — closes it.
 */
final class WsByteStream extends ChannelDuplexHandler {

    private final ChannelHandler next;
    private final CompletableFuture<Channel> ready;
    private final long upgradeTimeoutMillis;
    private boolean open;

    /**
     * Adds {@code next} after the upgrade and completes {@code ready} with the channel then, or fails it; a channel not
     * upgraded within the timeout (one that never even sends its request) is closed.
     */
    WsByteStream(ChannelHandler next, CompletableFuture<Channel> ready, long upgradeTimeoutMillis) {
        this.next = next;
        this.ready = ready;
        this.upgradeTimeoutMillis = upgradeTimeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ScheduledFuture<?> timer = ctx.executor().schedule(() -> {
            if (!open) {
                fail(ctx, new IOException("no WebSocket upgrade within " + upgradeTimeoutMillis + " ms"));
            }
        }, upgradeTimeoutMillis, TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(f -> timer.cancel(false));
        ready.whenComplete((c, e) -> timer.cancel(false));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (!open && (event instanceof HandshakeComplete || event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)) {
            open = true;
            ctx.pipeline().addLast(next);
            ready.complete(ctx.channel());
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (open && (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame)) {
            ctx.fireChannelRead(((WebSocketFrame) msg).content());
            return;
        }
        ReferenceCountUtil.release(msg);
        fail(ctx, new IOException(open ? "a WebSocket message that is not binary" : "HTTP without a WebSocket upgrade"));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof ByteBuf bytes ? new BinaryWebSocketFrame(bytes) : msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ready.completeExceptionally(new IOException("closed before the WebSocket upgrade completed"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (open) {
            super.exceptionCaught(ctx, cause);
        } else {
            fail(ctx, cause);
        }
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        ready.completeExceptionally(cause);
        ctx.close();
    }
}
