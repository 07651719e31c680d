package io.ipfskit.security.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import javax.net.ssl.SSLHandshakeException;

/**
 * Refuses, at its first byte, a connection whose first record is neither a TLS handshake nor an alert (an SSLv2-style
 * hello, which TLS 1.3 never sends, or garbage) instead of letting the TLS engine wait for the length it names.
 */
final class FirstRecordGuard extends ChannelInboundHandlerAdapter {

    private static final int ALERT = 21;
    private static final int HANDSHAKE = 22;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes) || !bytes.isReadable()) {
            ctx.fireChannelRead(msg);
            return;
        }
        ctx.pipeline().remove(this);
        int type = bytes.getUnsignedByte(bytes.readerIndex());
        if (type == HANDSHAKE || type == ALERT) {
            ctx.fireChannelRead(msg);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.fireExceptionCaught(new SSLHandshakeException("tls: first record of type " + type + " is no handshake"));
        }
    }
}
