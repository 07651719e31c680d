package io.ipfskit.itests.platform;

import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Protocol;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A second transport, as a QUIC bundle will be one: it takes over the node's configured swarm address but listens on
 * an ephemeral loopback TCP port of its own (so its address differs from the TCP bundle's) and dials nothing, so a peer
 * can stay connected through it while the TCP bundle stops, and its own address can come and go.
 */
final class SecondTransport implements Transport, AutoCloseable {

    private final Multiaddr configured;
    private final EventLoopGroup group = new NioEventLoopGroup(1);

    /** Listens instead of the node on this configured swarm address. */
    SecondTransport(Multiaddr configured) {
        this.configured = configured;
    }

    @Override
    public boolean handles(Multiaddr address) {
        return address.equals(configured);
    }

    @Override
    public CompletionStage<Channel> dial(Multiaddr address, Duration timeout, ChannelHandler initializer) {
        return CompletableFuture.failedFuture(new IOException("the second transport dials nothing"));
    }

    @Override
    public Listener listen(Multiaddr address, ChannelHandler initializer) throws IOException {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class).childHandler(initializer)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
        Multiaddr bound = Multiaddr.fromSocket((InetSocketAddress) server.localAddress(), Protocol.TCP);
        return new Listener() {
            @Override
            public Multiaddr address() {
                return bound;
            }

            @Override
            public void close() {
                server.close().syncUninterruptibly();
            }
        };
    }

    @Override
    public Multiaddr remoteAddress(Channel channel) {
        return Multiaddr.fromSocket((InetSocketAddress) channel.remoteAddress(), Protocol.TCP);
    }

    @Override
    public Multiaddr localAddress(Channel channel) {
        return Multiaddr.fromSocket((InetSocketAddress) channel.localAddress(), Protocol.TCP);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
