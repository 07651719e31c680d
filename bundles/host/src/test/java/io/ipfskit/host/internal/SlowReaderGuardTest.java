package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A peer that stops reading gets its connection closed instead of growing our buffers. */
class SlowReaderGuardTest {

    private final EventLoopGroup group = new NioEventLoopGroup(1);

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Accepts one connection guarded as given, with small water marks; completes with the accepted channel. */
    private CompletableFuture<Channel> serve(Function<Channel, SlowReaderGuard> guard, Socket[] client) throws Exception {
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(16 * 1024, 64 * 1024));
                        channel.pipeline().addFirst(guard.apply(channel));
                        accepted.complete(channel);
                    }
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        client[0] = new Socket();
        client[0].setReceiveBufferSize(16 * 1024);
        client[0].connect(server.localAddress());
        return accepted;
    }

    /** Writes 64 KiB chunks without waiting for writability until the channel closes or the budget is spent. */
    private static void flood(Channel channel, int chunks) {
        channel.eventLoop().execute(() -> {
            for (int i = 0; i < chunks && channel.isActive(); i++) {
                channel.write(Unpooled.wrappedBuffer(new byte[64 * 1024]));
            }
            channel.flush();
        });
    }

    @Test
    void closesWhenUnsentBytesPassTheHardCap() throws Exception {
        Socket[] client = new Socket[1];
        Channel channel = serve(c -> new SlowReaderGuard(2 << 20, Duration.ofMinutes(5)), client).get(10, TimeUnit.SECONDS);
        try (Socket idle = client[0]) {
            flood(channel, 512);
            ChannelFuture closed = channel.closeFuture();
            assertTrue(closed.await(10, TimeUnit.SECONDS), "closed at the 2 MiB cap, long before the 5 min stall time");
        }
    }

    @Test
    void closesWhenNothingDrainsWithinTheStallTime() throws Exception {
        Socket[] client = new Socket[1];
        Channel channel = serve(c -> new SlowReaderGuard(Integer.MAX_VALUE, Duration.ofMillis(300)), client)
                .get(10, TimeUnit.SECONDS);
        try (Socket idle = client[0]) {
            flood(channel, 64);
            assertTrue(channel.closeFuture().await(10, TimeUnit.SECONDS), "closed once stalled above the high water mark");
        }
    }

    @Test
    void aReadingPeerKeepsItsConnection() throws Exception {
        Socket[] client = new Socket[1];
        Channel channel = serve(c -> new SlowReaderGuard(8 << 20, Duration.ofSeconds(5)), client).get(10, TimeUnit.SECONDS);
        try (Socket reader = client[0]) {
            flood(channel, 64);
            byte[] sink = new byte[64 * 1024];
            long received = 0;
            while (received < 64L * 64 * 1024) {
                int n = reader.getInputStream().read(sink);
                assertTrue(n > 0, "the stream ended early after " + received + " bytes");
                received += n;
            }
            assertFalse(channel.closeFuture().isDone(), "a peer that reads everything is not cut off");
        }
    }
}
