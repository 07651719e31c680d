package io.ipfskit.transport.tcp;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * A dialled channel's only handler until it connects, then replaced by the caller's (which then sees the channel
 * become active): a dial that fails, and is made again from another port, never reaches the caller's handler.
 */
final class OnConnect extends ChannelInboundHandlerAdapter {

    private final ChannelHandler handler;

    OnConnect(ChannelHandler handler) {
        this.handler = handler;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.pipeline().replace(this, null, handler);
        ctx.pipeline().fireChannelActive();
    }
}
