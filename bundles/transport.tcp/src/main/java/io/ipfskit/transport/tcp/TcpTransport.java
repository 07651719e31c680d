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

        /**
         * Listen with SO_REUSEPORT and dial from a listen port (go-libp2p's default, its LIBP2P_TCP_REUSEPORT): peers
         * then observe the address a NAT maps our listen port to, and DCUtR's simultaneous open can punch through.
         */
        @AttributeDefinition(description = "Dial from the listen port (SO_REUSEPORT), for NAT hole punching")
        boolean reusePort() default true;
    }

    private final EventLoopGroup group;
    /** Wildcard server sockets by port, shared by the ip4 and ip6 wildcard listeners of that port. */
    private final Map<Integer, SharedServer> wildcards = new HashMap<>();
    private final int backlog;
    /** The bound listening sockets dials may start from; null when reusePort is off. */
    private final ListenPorts ports;

    /** Starts the event loops. */
    @Activate
    public TcpTransport(Config config) {
        this(config.threads(), config.backlog(), config.reusePort());
    }

    /** Starts the event loops with the given thread count (0 = default) and accept backlog, dialling from listen ports. */
    public TcpTransport(int threads, int backlog) {
        this(threads, backlog, true);
    }

    /** Starts the event loops; with {@code reusePort} dials start from a listen port. */
    public TcpTransport(int threads, int backlog, boolean reusePort) {
        this.group = new NioEventLoopGroup(threads);
        this.backlog = backlog;
        this.ports = reusePort ? new ListenPorts() : null;
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
        InetSocketAddress from = ports == null ? null : ports.dialFrom(target);
        connect(address, target, from, timeout, initializer, result);
        return result;
    }

    /**
     * Connects from the local address (a listen port shared with SO_REUSEPORT) or, without one, from an ephemeral
     * port; a dial from a listen port that cannot bind (the same peer's address and port taken by another connection
     * or in TIME_WAIT) is made again from an ephemeral port, as go-libp2p's reuseport dialler does. The caller's
     * handler joins only the channel that connected (before it is active), so it never sees the failed attempt.
     */
    private void connect(Multiaddr address, InetSocketAddress target, InetSocketAddress from, Duration timeout,
            ChannelHandler initializer, CompletableFuture<Channel> result) {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new OnConnect(initializer));
        if (from != null) {
            bootstrap.option(ChannelOption.SO_REUSEADDR, true).option(ListenPorts.SO_REUSEPORT, true);
        }
        ChannelFuture connect = from == null ? bootstrap.connect(target) : bootstrap.connect(target, from);
        connect.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(connect.channel());
            } else if (from != null && ListenPorts.cannotBind(f.cause())) {
                connect(address, target, null, timeout, initializer, result);
            } else {
                result.completeExceptionally(new IOException("dial " + address + ": " + f.cause().getMessage(), f.cause()));
            }
        });
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
            if (ports != null) {
                ports.add((InetSocketAddress) server.channel.localAddress());
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
                        if (ports != null) {
                            ports.remove((InetSocketAddress) shared.channel.localAddress());
                        }
                        shared.channel.close().awaitUninterruptibly();
                    }
                    closed = true;
                }
            }
        };
    }

    private Channel bindServer(Multiaddr address, InetSocketAddress bind, ChannelHandler initializer) throws IOException {
        ServerBootstrap server = new ServerBootstrap();
        if (ports != null) {
            server.option(ListenPorts.SO_REUSEPORT, true);
        }
        ChannelFuture bound = server.group(group).channel(NioServerSocketChannel.class)
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
