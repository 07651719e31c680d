package io.ipfskit.relay;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.Multiaddr;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.AbstractChannel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import java.net.SocketAddress;
import java.util.concurrent.ExecutionException;

/**
 * A Netty channel whose bytes travel over a libp2p {@link Stream} (a relayed connection), so the host upgrades it as it
 * upgrades a TCP channel. Reads: each arrival is fired on the channel's event loop and the stream's listener waits
 * until it was (the stream's receive window then holds the remote back); a channel that stops auto-reading pauses the
 * stream. Writes: handed to the stream while it is writable, the rest kept in Netty's outbound buffer (whose water
 * marks make the channel unwritable) until the stream drains. Closing half-closes the stream; its end or reset closes
 * the channel.
 */
final class StreamChannel extends AbstractChannel {

    private static final ChannelMetadata METADATA = new ChannelMetadata(false, 16);

    private final Stream stream;
    private final Multiaddr local;
    private final Multiaddr remote;
    private final ChannelConfig config = new DefaultChannelConfig(this);
    private volatile boolean open = true;
    private boolean waitingForWritable;

    StreamChannel(Stream stream, Multiaddr local, Multiaddr remote) {
        super(null);
        this.stream = stream;
        this.local = local;
        this.remote = remote;
    }

    /** The relayed address of our end. */
    Multiaddr localMultiaddr() {
        return local;
    }

    /** The relayed address of the remote end. */
    Multiaddr remoteMultiaddr() {
        return remote;
    }

    /** The listener to give the stream: it feeds this channel's pipeline. */
    StreamListener reader() {
        return new StreamListener() {
            @Override
            public void onData(byte[] data) {
                if (!open) {
                    stream.reset();
                    return;
                }
                if (eventLoop().inEventLoop()) {
                    // bytes held before the hand-over, delivered from the registration's listener: waiting would deadlock
                    deliver(data);
                    return;
                }
                try {
                    eventLoop().submit(() -> deliver(data)).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stream.reset();
                } catch (ExecutionException | RuntimeException e) {
                    stream.reset();
                }
            }

            @Override
            public void onRemoteClose() {
                eventLoop().execute(() -> close());
            }

            @Override
            public void onReset() {
                eventLoop().execute(() -> close());
            }
        };
    }

    private void deliver(byte[] data) {
        pipeline().fireChannelRead(Unpooled.wrappedBuffer(data));
        pipeline().fireChannelReadComplete();
        if (!config.isAutoRead()) {
            stream.pauseReading();
        }
    }

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new AbstractUnsafe() {
            @Override
            public void connect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
                promise.setFailure(new UnsupportedOperationException("a relayed channel is connected when made"));
            }
        };
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return true;
    }

    @Override
    protected SocketAddress localAddress0() {
        return null;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return null;
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new UnsupportedOperationException("a relayed channel cannot bind");
    }

    @Override
    protected void doDisconnect() {
        doClose();
    }

    @Override
    protected void doClose() {
        if (open) {
            open = false;
            stream.closeWrite();
        }
    }

    @Override
    protected void doBeginRead() {
        stream.resumeReading();
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) {
        while (true) {
            Object message = in.current();
            if (message == null) {
                return;
            }
            if (!stream.writable()) {
                waitForWritable();
                return;
            }
            if (message instanceof ByteBuf buf) {
                byte[] bytes = ByteBufUtil.getBytes(buf);
                stream.write(bytes).whenComplete((v, e) -> {
                    if (e != null) {
                        eventLoop().execute(() -> close());
                    }
                });
                in.remove();
            } else {
                in.remove(new UnsupportedOperationException("a relayed channel writes ByteBufs only"));
            }
        }
    }

    private void waitForWritable() {
        if (waitingForWritable) {
            return;
        }
        waitingForWritable = true;
        stream.onWritable().whenComplete((v, e) -> eventLoop().execute(() -> {
            waitingForWritable = false;
            if (e != null) {
                close();
            } else {
                flush();
            }
        }));
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isActive() {
        return open;
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }
}
