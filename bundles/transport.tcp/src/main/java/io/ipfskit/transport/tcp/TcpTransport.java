package io.ipfskit.transport.tcp;

import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Protocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** TCP on Netty NIO: one event loop group for all listeners and dialled channels, shut down with the component. */
@Component(service = Transport.class, property = Transport.PROTOCOL + "=tcp", configurationPid = "io.ipfskit.transport.tcp")
@Designate(ocd = TcpTransport.Config.class)
public final class TcpTransport implements Transport, AutoCloseable {

    /** Configuration of the TCP transport. */
    @ObjectClassDefinition(name = "IPFS Kit TCP transport")
    public @interface Config {

        /** Event loop threads; 0 means Netty's default (twice the processors). */
        @AttributeDefinition(description = "Event loop threads (0 = twice the processors)")
        int threads() default 0;

        /** Pending-connection backlog of each listening socket. */
        @AttributeDefinition(description = "Accept backlog of each listening socket")
        int backlog() default 128;
    }

    private final EventLoopGroup group;
    /** Wildcard server sockets by port, shared by the ip4 and ip6 wildcard listeners of that port. */
    private final Map<Integer, SharedServer> wildcards = new HashMap<>();
    private final int backlog;

    /** Starts the event loops. */
    @Activate
    public TcpTransport(Config config) {
        this(config.threads(), config.backlog());
    }

    /** Starts the event loops with the given thread count (0 = default) and accept backlog. */
    public TcpTransport(int threads, int backlog) {
        this.group = new NioEventLoopGroup(threads);
        this.backlog = backlog;
    }

    @Override
    public boolean handles(Multiaddr address) {
        return TcpAddresses.handles(address);
    }

    @Override
    public CompletionStage<Channel> dial(Multiaddr address, Duration timeout, ChannelHandler initializer) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        InetSocketAddress target;
        try {
            target = TcpAddresses.toSocketAddress(address);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        ChannelFuture connect = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(initializer)
                .connect(target);
        connect.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(connect.channel());
            } else {
                result.completeExceptionally(new IOException("dial " + address + ": " + f.cause().getMessage(), f.cause()));
            }
        });
        return result;
    }

    /**
     * Binds the address. The JDK's sockets are dual-stack, so a wildcard listener ({@code 0.0.0.0} or {@code ::}) on a
     * port accepts both families: a second wildcard on the same port (kubo's default pair) shares the first socket
     * instead of failing, and each listener reports the address it was asked for with the port it got.
     */
    @Override
    public synchronized Listener listen(Multiaddr address, ChannelHandler initializer) throws IOException {
        InetSocketAddress bind = TcpAddresses.toSocketAddress(address);
        if (bind.isUnresolved()) {
            throw new IOException("cannot listen on a DNS name: " + address);
        }
        boolean wildcard = bind.getAddress().isAnyLocalAddress();
        SharedServer server = wildcard && bind.getPort() != 0 ? wildcards.get(bind.getPort()) : null;
        if (server == null) {
            server = new SharedServer(bindServer(address, bind, initializer));
            if (wildcard) {
                wildcards.put(server.port(), server);
            }
        }
        server.users++;
        SharedServer shared = server;
        Multiaddr actual = Multiaddr.fromSocket(new InetSocketAddress(bind.getAddress(), shared.port()), Protocol.TCP);
        return new Listener() {
            private boolean closed;

            @Override
            public Multiaddr address() {
                return actual;
            }

            @Override
            public void close() {
                synchronized (TcpTransport.this) {
                    if (!closed && --shared.users == 0) {
                        wildcards.remove(shared.port(), shared);
                        shared.channel.close().awaitUninterruptibly();
                    }
                    closed = true;
                }
            }
        };
    }

    private Channel bindServer(Multiaddr address, InetSocketAddress bind, ChannelHandler initializer) throws IOException {
        ChannelFuture bound = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, backlog)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(initializer)
                .bind(bind).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("cannot listen on " + address + ": " + bound.cause().getMessage(), bound.cause());
        }
        return bound.channel();
    }

    /** A bound server socket and how many listeners use it. */
    private static final class SharedServer {
        final Channel channel;
        int users;

        SharedServer(Channel channel) {
            this.channel = channel;
        }

        int port() {
            return ((InetSocketAddress) channel.localAddress()).getPort();
        }
    }

    @Override
    public Multiaddr remoteAddress(Channel channel) {
        return TcpAddresses.toMultiaddr((InetSocketAddress) channel.remoteAddress());
    }

    @Override
    public Multiaddr localAddress(Channel channel) {
        return TcpAddresses.toMultiaddr((InetSocketAddress) channel.localAddress());
    }

    /** Closes every channel and stops the event loops. */
    @Deactivate
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
