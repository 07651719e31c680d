package io.ipfskit.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Protocol;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
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
import java.util.function.Function;

/** One bound HTTP listener with its own settings and worker pool; closing it stops both. */
final class RpcListener implements AutoCloseable {

    private final Multiaddr requested;
    private final Multiaddr address;
    private final Channel server;
    private final ThreadPoolExecutor workers;

    private RpcListener(Multiaddr requested, Channel server, ThreadPoolExecutor workers) {
        this.requested = requested;
        this.server = server;
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

    /** Binds the address with the configuration's settings; throws IllegalArgumentException naming the reason. */
    static RpcListener open(EventLoopGroup group, Multiaddr requested, RpcConfig config,
            Function<String, RpcCommand> commands) {
        validate(requested, config);
        ThreadPoolExecutor workers = new ThreadPoolExecutor(config.workers(), config.workers(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4 * config.workers()), new DefaultThreadFactory("ipfskit-rpc-worker", true));
        Channel[] bound = new Channel[1];
        ChannelInitializer<SocketChannel> initializer = new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                int port = ((InetSocketAddress) bound[0].localAddress()).getPort();
                channel.pipeline().addLast(new HttpServerCodec(), new HttpServerExpectContinueHandler(),
                        new RpcHttpHandler(commands, new RequestGuard(port, config.allowed_origins()), workers));
            }
        };
        try {
            bound[0] = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class).childHandler(initializer)
                    .bind(socketOf(requested)).sync().channel();
        } catch (Exception e) {
            workers.shutdownNow();
            throw new IllegalArgumentException("cannot serve the API on " + requested + ": " + e.getMessage(), e);
        }
        return new RpcListener(requested, bound[0], workers);
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
