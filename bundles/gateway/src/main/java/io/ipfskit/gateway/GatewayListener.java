package io.ipfskit.gateway;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Protocol;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One bound HTTP listener with its pool of workers (four times as many requests may queue). Closing it stops
 * accepting, closes its connections and stops the workers.
 */
final class GatewayListener implements AutoCloseable {

    /** Longest request line and header block accepted (414/431 beyond). */
    static final int MAX_INITIAL_LINE = 8192;
    static final int MAX_HEADERS = 16384;
    /** Seconds a connection may stay idle between requests. */
    static final int IDLE_SECONDS = 120;

    private final Multiaddr requested;
    private final Multiaddr address;
    private final Channel server;
    private volatile ThreadPoolExecutor workers;
    private final ChannelGroup connections;

    private GatewayListener(Multiaddr requested, Channel server, ThreadPoolExecutor workers,
            ChannelGroup connections) {
        this.requested = requested;
        this.server = server;
        this.workers = workers;
        this.connections = connections;
        this.address = Multiaddr.fromSocket((InetSocketAddress) server.localAddress(), Protocol.TCP);
    }

    /** Binds the address; {@link IllegalArgumentException} naming the reason when it cannot. */
    static GatewayListener open(EventLoopGroup group, Multiaddr requested, int workerCount, Gateway gateway,
            Retrievals retrievals) {
        InetSocketAddress socket = socketOf(requested);
        ThreadPoolExecutor pool = pool(workerCount);
        ChannelGroup connections = new DefaultChannelGroup(group.next());
        GatewayListener[] self = new GatewayListener[1];
        // The server socket accepts nothing until the listener below exists (AUTO_READ off until then).
        ChannelInitializer<SocketChannel> initializer = new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                connections.add(channel);
                GatewayListener listener = self[0];
                channel.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS),
                        new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 8192),
                        new GatewayHandler(gateway, retrievals, task -> listener.workers.execute(task)));
            }
        };
        Channel bound;
        try {
            bound = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
                    .childHandler(initializer).bind(socket).sync().channel();
        } catch (Exception e) {
            pool.shutdownNow();
            throw new IllegalArgumentException("cannot serve the gateway on " + requested + ": " + e.getMessage(), e);
        }
        self[0] = new GatewayListener(requested, bound, pool, connections);
        bound.config().setAutoRead(true);
        return self[0];
    }

    /** Serves with this many workers from now on (requests running finish on the old ones); the socket stays. */
    void workers(int count) {
        ThreadPoolExecutor current = workers;
        if (current.getMaximumPoolSize() != count) {
            workers = pool(count);
            current.shutdown();
        }
    }

    private static ThreadPoolExecutor pool(int count) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(count, count, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4 * count), new DefaultThreadFactory("ipfskit-gateway-worker", true));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The ip4/ip6 TCP socket of a multiaddr; {@link IllegalArgumentException} for any other. */
    static InetSocketAddress socketOf(Multiaddr requested) {
        return requested.toSocketAddress().filter(s -> requested.valueOf(Protocol.TCP).isPresent())
                .filter(s -> !s.isUnresolved())
                .orElseThrow(() -> new IllegalArgumentException("the gateway address " + requested
                        + " is not an ip4/ip6 tcp multiaddr"));
    }

    /** The address asked for (port 0 stays 0). */
    Multiaddr requested() {
        return requested;
    }

    /** The address listened on, port resolved. */
    Multiaddr address() {
        return address;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownNow();
    }
}
