package io.ipfskit.host.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds what a peer that stops reading can make us buffer: the connection is closed when its unsent bytes pass a hard
 * cap, or stay above the high water mark for longer than the stall time. Flow-controlled data respects writability;
 * this catches what is not (resets, pings, refusals).
 */
final class SlowReaderGuard extends ChannelDuplexHandler {

    /** Defaults: unwritable above 4 MiB unsent, writable again below 1 MiB, 30 s to drain, never more than 32 MiB. */
    static final int LOW_WATER = 1 << 20;
    static final int HIGH_WATER = 4 << 20;
    static final int HARD_CAP = 32 << 20;
    static final Duration STALL = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(SlowReaderGuard.class.getName());

    private final int hardCap;
    private final Duration stall;
    private ScheduledFuture<?> stallCheck;

    SlowReaderGuard(int hardCap, Duration stall) {
        this.hardCap = hardCap;
        this.stall = stall;
    }

    /** The guard with the default bounds, setting the channel's water marks to match. */
    static SlowReaderGuard install(Channel channel) {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(LOW_WATER, HIGH_WATER));
        return new SlowReaderGuard(HARD_CAP, STALL);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        ChannelOutboundBuffer unsent = ctx.channel().unsafe().outboundBuffer();
        long size = msg instanceof ByteBuf buffer ? buffer.readableBytes() : 0;
        if (unsent != null && unsent.totalPendingWriteBytes() + size > hardCap) {
            close(ctx, "more than " + hardCap + " bytes unsent");
            promise.tryFailure(new IOException("peer does not read; connection closed"));
            ReferenceCountUtil.release(msg);
            return;
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!ctx.channel().isWritable() && stallCheck == null) {
            stallCheck = ctx.executor().schedule(() -> {
                stallCheck = null;
                if (!ctx.channel().isWritable()) {
                    close(ctx, "nothing drained for " + stall.toSeconds() + " s above the high water mark");
                }
            }, stall.toMillis(), TimeUnit.MILLISECONDS);
        } else if (ctx.channel().isWritable() && stallCheck != null) {
            stallCheck.cancel(false);
            stallCheck = null;
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (stallCheck != null) {
            stallCheck.cancel(false);
        }
        super.channelInactive(ctx);
    }

    private static void close(ChannelHandlerContext ctx, String reason) {
        LOG.log(System.Logger.Level.WARNING, "closing {0}: the peer does not read ({1})", ctx.channel().remoteAddress(), reason);
        ctx.channel().close();
    }
}
