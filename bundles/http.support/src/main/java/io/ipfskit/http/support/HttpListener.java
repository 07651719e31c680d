package io.ipfskit.http.support;

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
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP listener bound at an ip4/ip6 TCP multiaddr, with a pool of workers whose queue holds four times as many
 * requests (beyond that {@code execute} refuses); it accepts nothing until it exists, and the worker count can change
 * in place. Connections get Netty's write-buffer water marks (256 KiB, 1 MiB), which {@link ChunkedOutput} waits on.
 */
public final class HttpListener implements AutoCloseable {

    /** Builds the pipeline of one accepted connection; its handlers run requests on {@code workers}. */
    @FunctionalInterface
    public interface Pipeline {
        /** Adds the connection's handlers. */
        void build(SocketChannel channel, Executor workers);
    }

    private final Multiaddr requested;
    private final Multiaddr address;
    private final Channel server;
    private final ChannelGroup connections;
    private final String threadName;
    private volatile ThreadPoolExecutor workers;

    private HttpListener(Multiaddr requested, Channel server, ChannelGroup connections, String threadName,
            ThreadPoolExecutor workers) {
        this.requested = requested;
        this.server = server;
        this.connections = connections;
        this.threadName = threadName;
        this.workers = workers;
        this.address = Multiaddr.fromSocket((InetSocketAddress) server.localAddress(), Protocol.TCP);
    }

    /**
     * Binds {@code requested} with {@code workerCount} workers named {@code threadName}; an IllegalArgumentException
     * naming {@code what} (e.g. "the API") and the reason when it cannot.
     */
    public static HttpListener open(EventLoopGroup group, Multiaddr requested, String what, int workerCount,
            String threadName, Pipeline pipeline) {
        InetSocketAddress socket = socketOf(requested, what);
        ThreadPoolExecutor pool = pool(workerCount, threadName);
        ChannelGroup connections = new DefaultChannelGroup(group.next());
        HttpListener[] self = new HttpListener[1];
        // The server socket accepts nothing until the listener below exists (AUTO_READ off until then).
        ChannelInitializer<SocketChannel> initializer = new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                connections.add(channel);
                HttpListener listener = self[0];
                pipeline.build(channel, task -> listener.workers.execute(task));
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
            throw new IllegalArgumentException("cannot serve " + what + " on " + requested + ": " + e.getMessage(), e);
        }
        self[0] = new HttpListener(requested, bound, connections, threadName, pool);
        bound.config().setAutoRead(true);
        return self[0];
    }

    /** The ip4/ip6 TCP socket of a multiaddr; an IllegalArgumentException naming {@code what} for any other. */
    public static InetSocketAddress socketOf(Multiaddr requested, String what) {
        return requested.toSocketAddress().filter(s -> requested.valueOf(Protocol.TCP).isPresent())
                .filter(s -> !s.isUnresolved())
                .orElseThrow(() -> new IllegalArgumentException(what + " address " + requested
                        + " is not an ip4/ip6 tcp multiaddr"));
    }

    /** Serves with this many workers from now on (requests running finish on the old ones); the socket stays. */
    public void workers(int count) {
        ThreadPoolExecutor current = workers;
        if (current.getMaximumPoolSize() != count) {
            workers = pool(count, threadName);
            current.shutdown();
        }
    }

    /** How many workers serve. */
    public int workers() {
        return workers.getMaximumPoolSize();
    }

    private static ThreadPoolExecutor pool(int count, String threadName) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(count, count, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4 * count), new DefaultThreadFactory(threadName, true));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The address asked for (port 0 stays 0). */
    public Multiaddr requested() {
        return requested;
    }

    /** The address listened on, port resolved. */
    public Multiaddr address() {
        return address;
    }

    /** The port listened on. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Stops accepting; requests running finish on their workers and their connections stay until they end. */
    public void stopAccepting() {
        server.close().syncUninterruptibly();
        workers.shutdown();
    }

    /** Stops accepting, closes every connection and stops the workers. */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownNow();
    }
}
