package io.ipfskit.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Protocol;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One bound HTTP listener; its settings (allowed origins, worker pool) can change in place without rebinding, and new
 * connections take the current ones. Closing it stops accepting and stops the workers.
 */
final class RpcListener implements AutoCloseable {

    private final Multiaddr requested;
    private final Multiaddr address;
    private final Channel server;
    private volatile RequestGuard guard;
    private volatile ThreadPoolExecutor workers;

    private RpcListener(Multiaddr requested, Channel server, RequestGuard guard, ThreadPoolExecutor workers) {
        this.requested = requested;
        this.server = server;
        this.guard = guard;
        this.workers = workers;
        this.address = Multiaddr.fromSocket((InetSocketAddress) server.localAddress(), Protocol.TCP);
    }

    /** Checks a configuration completely; the message of the exception names what is wrong. */
    static void validate(Multiaddr requested, RpcConfig config) {
        socketOf(requested);
        if (config.workers() < 1 || config.workers() > 256) {
            throw new IllegalArgumentException("workers must be between 1 and 256, not " + config.workers());
        }
    }

    /**
     * Binds the address with the configuration's settings; requests are served once {@code open} says so (before, a
     * 503). Throws IllegalArgumentException naming the reason.
     */
    static RpcListener open(EventLoopGroup group, Multiaddr requested, RpcConfig config,
            Function<String, RpcCommand> commands, BooleanSupplier open) {
        validate(requested, config);
        ThreadPoolExecutor pool = pool(config.workers());
        RpcListener[] self = new RpcListener[1];
        // The server socket accepts nothing until the listener below exists (AUTO_READ off until then).
        ChannelInitializer<SocketChannel> initializer = new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                RpcListener listener = self[0];
                channel.pipeline().addLast(new HttpServerCodec(), new HttpServerExpectContinueHandler(),
                        new RpcHttpHandler(commands, listener.guard, listener.workers, open));
            }
        };
        Channel bound;
        try {
            bound = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false).childHandler(initializer)
                    .bind(socketOf(requested)).sync().channel();
        } catch (Exception e) {
            pool.shutdownNow();
            throw new IllegalArgumentException("cannot serve the API on " + requested + ": " + e.getMessage(), e);
        }
        int port = ((InetSocketAddress) bound.localAddress()).getPort();
        self[0] = new RpcListener(requested, bound, new RequestGuard(port, config.allowed__origins()), pool);
        bound.config().setAutoRead(true);
        return self[0];
    }

    /** Applies new settings to the connections accepted from now on; the socket stays bound where it is. */
    void reconfigure(RpcConfig config) {
        validate(requested, config);
        guard = new RequestGuard(((InetSocketAddress) server.localAddress()).getPort(), config.allowed__origins());
        ThreadPoolExecutor current = workers;
        if (current.getMaximumPoolSize() != config.workers()) {
            workers = pool(config.workers());
            current.shutdown();
        }
    }

    private static ThreadPoolExecutor pool(int size) {
        return new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4 * size),
                new DefaultThreadFactory("ipfskit-rpc-worker", true));
    }

    private static InetSocketAddress socketOf(Multiaddr requested) {
        return requested.toSocketAddress().filter(s -> requested.valueOf(Protocol.TCP).isPresent())
                .filter(s -> !s.isUnresolved())
                .orElseThrow(() -> new IllegalArgumentException("the API address " + requested + " is not an ip4/ip6 tcp multiaddr"));
    }

    /** The address asked for (port 0 stays 0). */
    Multiaddr requested() {
        return requested;
    }

    /** The address listened on, port resolved. */
    Multiaddr address() {
        return address;
    }

    /** Stops accepting; commands already running finish on their workers. */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        workers.shutdown();
    }
}
