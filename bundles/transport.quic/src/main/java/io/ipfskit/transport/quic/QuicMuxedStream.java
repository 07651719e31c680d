package io.ipfskit.transport.quic;

import io.ipfskit.api.net.spi.MuxedStream;
import io.ipfskit.muxer.support.StreamEvents;
import io.ipfskit.muxer.support.WriteQueue;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.incubator.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One QUIC stream as a muxed stream; its state is touched on the connection's event loop only. Writes wait in a
 * bounded {@link WriteQueue} and go to the stream channel while it is writable (QUIC's flow control makes it
 * unwritable); reading stops once {@code receiveWindow} bytes are handed over and not consumed, so quiche stops
 * extending the stream's window and the remote stops.
 */
final class QuicMuxedStream extends ChannelInboundHandlerAdapter implements MuxedStream {

    /** Application error code of a reset (libp2p's QUIC leaves the codes to the application). */
    static final int RESET_CODE = 0;

    /** What the stream channel holds before it reports unwritable: room for a few packets' worth of a fast sender. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final QuicStreamChannel channel;
    private final WriteQueue writes;
    private final long receiveWindow;
    private final Runnable onEnd;
    private final StreamEvents events = new StreamEvents();
    /** Bytes handed to the handler and not yet consumed; any thread subtracts, the event loop adds. */
    private final AtomicLong unconsumed = new AtomicLong();
    private boolean finRequested;
    private boolean finSent;
    /** The FIN left the stream channel for quiche, after every write before it (they may still wait for flow control). */
    private boolean finWritten;
    private boolean remoteFin;
    private boolean ended;

    QuicMuxedStream(QuicStreamChannel channel, long maxPendingWrite, long receiveWindow, Runnable onEnd) {
        this.channel = channel;
        this.writes = new WriteQueue("quic stream " + channel.streamId(), maxPendingWrite);
        this.receiveWindow = receiveWindow;
        this.onEnd = onEnd;
        channel.config().setAllowHalfClosure(true);
        channel.config().setWriteBufferWaterMark(WATER_MARK);
    }

    private void run(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    @Override
    public void handler(Handler value) {
        run(() -> {
            events.handler(value);
        });
    }

    @Override
    public CompletionStage<Void> write(ByteBuf data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (writes.admit(data, done)) {
            run(() -> {
                if (writes.add(data, done)) {
                    flush();
                }
            });
        }
        return done;
    }

    @Override
    public void consumed(int bytes) {
        if (bytes > 0 && unconsumed.addAndGet(-bytes) < receiveWindow / 2 && !channel.config().isAutoRead()) {
            run(() -> {
                if (!ended && unconsumed.get() < receiveWindow / 2) {
                    channel.config().setAutoRead(true);
                }
            });
        }
    }

    @Override
    public boolean writable() {
        return writes.writable();
    }

    @Override
    public CompletionStage<Void> whenWritable() {
        return writes.whenWritable();
    }

    @Override
    public void closeWrite() {
        run(() -> {
            if (!ended && !finRequested) {
                finRequested = true;
                writes.refuseMore(new IOException("quic stream " + channel.streamId() + " is closed for writing"));
                flush();
            }
        });
    }

    @Override
    public void reset() {
        run(() -> {
            if (!ended) {
                channel.shutdown(RESET_CODE).addListener(f -> channel.close());
                end(true);
            }
        });
    }

    /** Hands what waits to the stream channel while it is writable, then the FIN once all is out. */
    private void flush() {
        if (ended) {
            return;
        }
        writes.drain(() -> channel.isWritable() ? Math.max(1, channel.bytesBeforeUnwritable()) : 0, Integer.MAX_VALUE,
                channel::isActive, channel::write);
        channel.flush();
        if (writes.isEmpty() && finRequested && !finSent) {
            finSent = true;
            channel.shutdownOutput().addListener(f -> {
                finWritten = f.isSuccess();
                if (finWritten && remoteFin) {
                    channel.close();
                }
            });
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf data) || ended || remoteFin) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (unconsumed.addAndGet(data.readableBytes()) >= receiveWindow) {
            channel.config().setAutoRead(false);
        }
        events.data(data);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent && !remoteFin && !ended) {
            remoteFin = true;
            events.remoteClose();
            if (finWritten) {
                channel.close();
            }
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (channel.isWritable()) {
            flush();
        }
    }

    /** The stream channel closed: a reset unless both directions had finished. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end(!(finWritten && remoteFin));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        channel.close();
    }

    private void end(boolean reset) {
        if (ended) {
            return;
        }
        ended = true;
        writes.abort(new IOException("quic stream " + channel.streamId() + (reset ? " was reset" : " is closed")));
        onEnd.run();
        if (reset) {
            events.reset();
        }
    }

}
