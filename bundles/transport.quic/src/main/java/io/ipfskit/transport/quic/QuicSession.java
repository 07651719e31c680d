package io.ipfskit.transport.quic;

import io.ipfskit.api.net.spi.MuxedConnection;
import io.ipfskit.api.net.spi.MuxedStream;
import io.ipfskit.api.net.spi.MuxedTransport;
import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.multiformats.Multiaddr;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.incubator.codec.quic.QuicChannel;
import io.netty.incubator.codec.quic.QuicConnectionStats;
import io.netty.incubator.codec.quic.QuicStreamChannel;
import io.netty.incubator.codec.quic.QuicStreamFrame;
import io.netty.incubator.codec.quic.QuicStreamType;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An authenticated QUIC connection: its bidirectional streams are the muxed streams. Streams the remote opens before
 * {@link #start} wait (quiche bounds how many it may open); all state is touched on the connection's event loop.
 */
final class QuicSession implements MuxedTransport.Session, MuxedConnection {

    /** Where a connection's session hangs, for its inbound streams to find. */
    static final AttributeKey<QuicSession> KEY = AttributeKey.valueOf(QuicSession.class, "session");

    private final QuicChannel channel;
    private final SecureSession security;
    private final QuicSettings settings;
    private final Set<QuicMuxedStream> open = ConcurrentHashMap.newKeySet();
    /** Streams the remote opened before {@link #start}; their data waits in each stream until it has a handler. */
    private final ArrayDeque<QuicMuxedStream> waiting = new ArrayDeque<>();
    private Consumer<MuxedStream> inbound;

    QuicSession(QuicChannel channel, SecureSession security, QuicSettings settings) {
        this.channel = channel;
        this.security = security;
        this.settings = settings;
    }

    /** Takes a stream the remote opened (on the event loop): to the host once started, else it waits. */
    static void accept(QuicStreamChannel stream) {
        QuicSession session = stream.parent().attr(KEY).get();
        if (session == null) {
            stream.close();
        } else if (session.inbound == null) {
            session.waiting.add(session.wrap(stream));
        } else {
            session.inbound.accept(session.wrap(stream));
        }
    }

    private QuicMuxedStream wrap(QuicStreamChannel stream) {
        QuicMuxedStream[] self = new QuicMuxedStream[1];
        self[0] = new QuicMuxedStream(stream, settings.maxPendingWrite(), settings.streamReceiveWindow(),
                () -> open.remove(self[0]));
        open.add(self[0]);
        stream.pipeline().addLast("muxed-stream", self[0]);
        return self[0];
    }

    /**
     * After every period in which nothing arrived, sends something the remote must acknowledge, so that a quiet
     * connection outlives the idle timeout as go-libp2p's (a PING 15 s into 30 s) do: the codec exposes no PING, so an
     * empty stream, opened and finished at once, does it. A peer that sends its own keep-alives never gets one.
     */
    void keepAlive(Duration period) {
        long[] lastReceived = {-1};
        ScheduledFuture<?> task = channel.eventLoop().scheduleAtFixedRate(() -> channel.collectStats().addListener(f -> {
            if (f.isSuccess()) {
                long received = ((QuicConnectionStats) f.getNow()).recv();
                if (received == lastReceived[0]) {
                    ping();
                }
                lastReceived[0] = received;
            }
        }), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> task.cancel(false));
    }

    private void ping() {
        channel.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInboundHandlerAdapter()).addListener(f -> {
            if (f.isSuccess()) {
                QuicStreamChannel stream = (QuicStreamChannel) f.getNow();
                stream.writeAndFlush(QuicStreamFrame.EMPTY_FIN).addListener(written -> stream.close());
            }
        });
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public SecureSession security() {
        return security;
    }

    @Override
    public String muxer() {
        return QuicTransport.PROTOCOL;
    }

    @Override
    public Multiaddr remoteAddress() {
        return QuicAddresses.toMultiaddr((java.net.InetSocketAddress) channel.remoteSocketAddress());
    }

    @Override
    public Multiaddr localAddress() {
        return QuicAddresses.toMultiaddr((java.net.InetSocketAddress) channel.localSocketAddress());
    }

    @Override
    public MuxedConnection start(Consumer<MuxedStream> value) {
        inbound = value;
        for (QuicMuxedStream stream; (stream = waiting.poll()) != null; ) {
            inbound.accept(stream);
        }
        return this;
    }

    @Override
    public CompletionStage<MuxedStream> openStream() {
        CompletableFuture<MuxedStream> result = new CompletableFuture<>();
        if (!channel.isActive()) {
            return CompletableFuture.failedFuture(new IOException("quic connection is closed"));
        }
        channel.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInitializer<QuicStreamChannel>() {
            @Override
            protected void initChannel(QuicStreamChannel stream) {
                result.complete(wrap(stream));
            }
        }).addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new IOException("cannot open a quic stream: " + f.cause(), f.cause()));
            }
        });
        return result;
    }

    @Override
    public int streamCount() {
        return open.size();
    }

    @Override
    public void close() {
        channel.close();
    }
}
