package io.ipfskit.transport.ws;

import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.multiformats.Multiaddr;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * WebSocket on Netty NIO (libp2p's {@code /ws}, and {@code /tls/ws} when a certificate is configured): the HTTP upgrade,
 * then binary messages carrying the byte stream the host secures and multiplexes as over TCP.
 */
@Component(service = Transport.class, property = Transport.PROTOCOL + "=ws", configurationPid = "io.ipfskit.transport.ws")
@Designate(ocd = WsTransport.Config.class)
public final class WsTransport implements Transport, AutoCloseable {

    /** Configuration of the WebSocket transport. */
    @ObjectClassDefinition(name = "IPFS Kit WebSocket transport")
    public @interface Config {

        /** Event loop threads; 0 means Netty's default (twice the processors). */
        @AttributeDefinition(description = "Event loop threads (0 = twice the processors)")
        int threads() default 0;

        /** Pending-connection backlog of each listening socket. */
        @AttributeDefinition(description = "Accept backlog of each listening socket")
        int backlog() default 128;

        /** The longest WebSocket message accepted; a longer one closes the connection. */
        @AttributeDefinition(description = "Largest WebSocket message accepted, in bytes")
        int maxMessageBytes() default WsPipelines.MAX_MESSAGE_BYTES;

        /** Time a connection may take to complete its HTTP upgrade. */
        @AttributeDefinition(description = "Milliseconds allowed for the HTTP upgrade")
        long upgradeTimeoutMillis() default WsPipelines.UPGRADE_TIMEOUT_MILLIS;

        /** PEM certificate chain served on /tls/ws listeners; empty: no secure listener. */
        @AttributeDefinition(description = "PEM certificate chain for /tls/ws listeners (empty: none)", required = false)
        String certificate() default "";

        /** PEM PKCS#8 private key of that certificate. */
        @AttributeDefinition(description = "PEM private key of the certificate", required = false)
        String privateKey() default "";

        /** PEM certificates trusted when dialling /tls/ws instead of the JDK's trust store; empty: the JDK's. */
        @AttributeDefinition(description = "PEM certificates trusted when dialling /tls/ws (empty: the JDK's trust store)", required = false)
        String trustedCertificates() default "";
    }

    private final EventLoopGroup group;
    private final int backlog;
    private final WsPipelines pipelines;

    /** Starts the event loops. */
    @Activate
    public WsTransport(Config config) throws IOException {
        this(config.threads(), config.backlog(), new WsPipelines(config.maxMessageBytes(), config.upgradeTimeoutMillis(),
                WsTls.of(config.certificate(), config.privateKey(), config.trustedCertificates())));
    }

    /** Starts the event loops with the given thread count (0 = default), the default bounds and no TLS listener. */
    public WsTransport(int threads) throws IOException {
        this(threads, 128, new WsPipelines(WsPipelines.MAX_MESSAGE_BYTES, WsPipelines.UPGRADE_TIMEOUT_MILLIS,
                WsTls.of("", "", "")));
    }

    /** Starts the event loops with the given thread count (0 = default), accept backlog and pipelines. */
    WsTransport(int threads, int backlog, WsPipelines pipelines) {
        this.group = new NioEventLoopGroup(threads);
        this.backlog = backlog;
        this.pipelines = pipelines;
    }

    @Override
    public boolean handles(Multiaddr address) {
        return WsAddresses.handles(address);
    }

    /** Connects and completes the HTTP upgrade within the timeout; the stage completes with the upgraded channel. */
    @Override
    public CompletionStage<Channel> dial(Multiaddr address, Duration timeout, ChannelHandler initializer) {
        CompletableFuture<Channel> upgraded = new CompletableFuture<>();
        InetSocketAddress target;
        ChannelHandler client;
        try {
            target = WsAddresses.toSocketAddress(address);
            client = pipelines.client(address, initializer, upgraded);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        ChannelFuture connect = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(client)
                .connect(target);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                upgraded.completeExceptionally(f.cause());
            }
        });
        CompletableFuture<Channel> result = new CompletableFuture<>();
        upgraded.whenComplete((channel, error) -> {
            if (error == null) {
                result.complete(channel);
            } else {
                connect.channel().close();
                result.completeExceptionally(new IOException("dial " + address + ": " + error.getMessage(), error));
            }
        });
        return result;
    }

    @Override
    public Listener listen(Multiaddr address, ChannelHandler initializer) throws IOException {
        InetSocketAddress bind = WsAddresses.toSocketAddress(address);
        if (bind.isUnresolved()) {
            throw new IOException("cannot listen on a DNS name: " + address);
        }
        boolean secure = WsAddresses.secure(address);
        ChannelInitializer<Channel> server = pipelines.server(secure, initializer);
        ChannelFuture bound = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, backlog)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(server)
                .bind(bind).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("cannot listen on " + address + ": " + bound.cause().getMessage(), bound.cause());
        }
        Channel channel = bound.channel();
        Multiaddr actual = WsAddresses.toMultiaddr(new InetSocketAddress(bind.getAddress(),
                ((InetSocketAddress) channel.localAddress()).getPort()), secure);
        return new Listener() {
            @Override
            public Multiaddr address() {
                return actual;
            }

            @Override
            public void close() {
                channel.close().awaitUninterruptibly();
            }
        };
    }

    @Override
    public Multiaddr remoteAddress(Channel channel) {
        return WsAddresses.toMultiaddr((InetSocketAddress) channel.remoteAddress(), pipelines.secure(channel));
    }

    @Override
    public Multiaddr localAddress(Channel channel) {
        return WsAddresses.toMultiaddr((InetSocketAddress) channel.localAddress(), pipelines.secure(channel));
    }

    /** Closes every channel and stops the event loops. */
    @Deactivate
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
