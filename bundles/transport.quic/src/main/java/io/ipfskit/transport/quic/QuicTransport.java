package io.ipfskit.transport.quic;

import io.ipfskit.api.net.spi.MuxedTransport;
import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.api.node.Node;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.security.tls.Libp2pCertificates;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ChannelOption;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.incubator.codec.quic.QuicChannel;
import io.netty.incubator.codec.quic.QuicClientCodecBuilder;
import io.netty.incubator.codec.quic.QuicCodecBuilder;
import io.netty.incubator.codec.quic.QuicServerCodecBuilder;
import io.netty.incubator.codec.quic.QuicSslContext;
import io.netty.incubator.codec.quic.QuicSslContextBuilder;
import io.netty.incubator.codec.quic.QuicStreamChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509ExtendedKeyManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@code quic-v1} transport (libp2p's QUIC spec) on Netty's QUIC codec: TLS 1.3 inside QUIC with ALPN
 * {@code libp2p}, both sides presenting libp2p's certificate (client authentication required), the remote's peer id
 * taken from it; QUIC's bidirectional streams are the muxed streams. One UDP socket per listened port (the IPv4 and
 * IPv6 wildcards of a port share one dual-stack socket) and one for dialling; one event loop group for all. Listening
 * sockets are bound with SO_REUSEPORT, so a hole punch dials from the listening port through a socket of its own
 * connected to the peer (the kernel hands a connected socket of the group the datagrams of its peer, the listener
 * everyone else's), and the punch's other side sends its packets from the listening socket itself.
 */
@Component(service = MuxedTransport.class, property = Transport.PROTOCOL + "=" + QuicTransport.PROTOCOL,
        configurationPid = "io.ipfskit.transport.quic")
@Designate(ocd = QuicTransport.Config.class)
public final class QuicTransport implements MuxedTransport, AutoCloseable {

    /** The multiaddr protocol, also reported as the connections' security and muxer. */
    public static final String PROTOCOL = "quic-v1";
    /** The ALPN id libp2p's QUIC spec requires. */
    static final String ALPN = "libp2p";

    /** Configuration of the QUIC transport; the defaults are go-libp2p's. */
    @ObjectClassDefinition(name = "IPFS Kit QUIC transport")
    public @interface Config {

        /** Event loop threads; 0 means Netty's default (twice the processors). */
        @AttributeDefinition(description = "Event loop threads (0 = twice the processors)")
        int threads() default 0;

        /** How long a handshake may take before the connection is dropped. */
        @AttributeDefinition(description = "Seconds a handshake may take")
        int handshakeTimeoutSeconds() default 5;

        /** A connection with no packet for this long is closed (the smaller of both sides' values applies). */
        @AttributeDefinition(description = "Idle timeout in seconds")
        int idleTimeoutSeconds() default 30;

        /** How many streams the remote may hold open on one connection. */
        @AttributeDefinition(description = "Streams the remote may hold open per connection")
        int maxIncomingStreams() default 256;
    }

    /** How long closing a socket waits for its connections to send their close. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);
    /** The JDK's SO_REUSEPORT as a Netty option of NIO channels. */
    private static final ChannelOption<Boolean> SO_REUSEPORT = NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);

    private final EventLoopGroup group;
    private final QuicSettings settings;
    private final QuicSslContext serverContext;
    private final QuicSslContext clientContext;
    /** Wildcard sockets by port, shared by the ip4 and ip6 wildcard listeners of that port. */
    private final Map<Integer, SharedSocket> wildcards = new HashMap<>();
    /** Every listening socket, which hole punches dial and send from. */
    private final List<SharedSocket> listening = new CopyOnWriteArrayList<>();
    /** The peers' addresses a punch dial is connected to now: a second socket with the same 4-tuple would steal. */
    private final Set<InetSocketAddress> punchDials = ConcurrentHashMap.newKeySet();
    private Channel dialSocket;

    /** Makes the certificate for the node's identity and starts the event loops. */
    @Activate
    public QuicTransport(@Reference Node node, Config config) {
        this(Libp2pCertificates.keyManager(node), config.threads(),
                new QuicSettings(Duration.ofSeconds(config.handshakeTimeoutSeconds()),
                        Duration.ofSeconds(config.idleTimeoutSeconds()), config.maxIncomingStreams(),
                        QuicSettings.DEFAULTS.streamReceiveWindow(), QuicSettings.DEFAULTS.connectionReceiveWindow(),
                        QuicSettings.DEFAULTS.maxPendingWrite()));
    }

    /** A transport outside OSGi speaking for the node, with go-libp2p's bounds. */
    public QuicTransport(Node node, int threads) {
        this(Libp2pCertificates.keyManager(node), threads, QuicSettings.DEFAULTS);
    }

    /** A transport presenting whatever certificate the key manager offers (tests forge some). */
    QuicTransport(X509ExtendedKeyManager keys, int threads, QuicSettings settings) {
        this.settings = settings;
        warmUp(keys);
        this.serverContext = QuicSslContextBuilder.forServer(keys, null).trustManager(Libp2pCertificates.trustManager())
                .clientAuth(ClientAuth.REQUIRE).applicationProtocols(ALPN).build();
        this.clientContext = QuicSslContextBuilder.forClient().keyManager(keys, null)
                .trustManager(Libp2pCertificates.trustManager()).applicationProtocols(ALPN).build();
        this.group = new NioEventLoopGroup(threads);
    }

    /**
     * Runs a remote's certificate checks once, on our own certificate, so that BouncyCastle's parsing and signature
     * classes are loaded before a handshake waits on them: cold, they made the first QUIC dial of a daemon slower than
     * the TCP dial started 250 ms after it. The outcome does not matter (tests present forged certificates).
     */
    private static void warmUp(X509ExtendedKeyManager keys) {
        X509Certificate[] ours = keys.getCertificateChain(keys.chooseEngineServerAlias("EC", null, null));
        try {
            Libp2pCertificates.trustManager().checkServerTrusted(ours, "EC");
        } catch (CertificateException | RuntimeException e) {
            // a forged certificate: warm all the same
        }
    }

    @Override
    public boolean handles(Multiaddr address) {
        return QuicAddresses.handles(address);
    }

    @Override
    public CompletionStage<Session> dial(Multiaddr address, PeerId expectedRemote, Duration timeout) {
        InetSocketAddress target;
        Channel socket;
        try {
            target = QuicAddresses.toSocketAddress(address);
            socket = dialSocket();
        } catch (IllegalArgumentException | IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return connect(socket, address, target, expectedRemote, timeout);
    }

    /**
     * Dials from the listening socket's port: a socket of its own, bound beside the listener with SO_REUSEPORT and
     * connected to the target, carries the connection and closes with it. Without a listener for the target's family,
     * a plain dial; a second punch dial to the same address while one is under way fails.
     */
    @Override
    public CompletionStage<Session> punchDial(Multiaddr address, PeerId expectedRemote, Duration timeout) {
        InetSocketAddress target;
        try {
            target = QuicAddresses.toSocketAddress(address);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        SharedSocket from = listenerFor(target);
        if (from == null) {
            return dial(address, expectedRemote, timeout);
        }
        if (!punchDials.add(target)) {
            return CompletableFuture.failedFuture(new IOException("a punch dial to " + target + " is under way"));
        }
        ChannelFuture connected = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(SO_REUSEPORT, true).handler(codec(new QuicClientCodecBuilder().sslContext(clientContext)))
                .connect(target, from.channel.localAddress());
        connected.channel().closeFuture().addListener(f -> punchDials.remove(target));
        CompletableFuture<Session> result = new CompletableFuture<>();
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                connected.channel().close();
                result.completeExceptionally(new IOException("punch dial " + address + " from port "
                        + from.port() + ": " + f.cause().getMessage(), f.cause()));
                return;
            }
            connect(connected.channel(), address, target, expectedRemote, timeout).whenComplete((session, error) -> {
                if (error != null) {
                    connected.channel().close();
                    result.completeExceptionally(error);
                } else {
                    session.channel().closeFuture().addListener(c -> connected.channel().close());
                    result.complete(session);
                }
            });
        });
        return result;
    }

    /** Sends the packets that open our NAT to the target from the listening socket for its family, if there is one. */
    @Override
    public Runnable punchOpen(Multiaddr address, Duration within) {
        InetSocketAddress target = QuicAddresses.toSocketAddress(address);
        SharedSocket from = listenerFor(target);
        // the socket's first handler is the QUIC codec: writing through its context passes the codec by
        return from == null ? () -> { } : PunchPackets.start(from.channel.pipeline().firstContext(), target, within,
                PunchPackets.MAX_PACKETS);
    }

    /**
     * The listening socket a punch to the target leaves from: a wildcard one (dual-stack) or one bound to an address
     * of the target's family and scope (a loopback listener reaches loopback only); null if none.
     */
    private SharedSocket listenerFor(InetSocketAddress target) {
        InetAddress ip = target.getAddress();
        for (SharedSocket socket : listening) {
            InetAddress at = ((InetSocketAddress) socket.channel.localAddress()).getAddress();
            if (at.isAnyLocalAddress()
                    || (at.getClass() == ip.getClass() && at.isLoopbackAddress() == ip.isLoopbackAddress())) {
                return socket;
            }
        }
        return null;
    }

    /** Runs the QUIC client handshake with the target over the UDP socket. */
    private CompletableFuture<Session> connect(Channel socket, Multiaddr address, InetSocketAddress target,
            PeerId expectedRemote, Duration timeout) {
        Duration bound = timeout.compareTo(settings.handshakeTimeout()) < 0 ? timeout : settings.handshakeTimeout();
        QuicHandshake handshake = new QuicHandshake(expectedRemote, settings.withHandshakeTimeout(bound));
        CompletableFuture<Session> result = handshake.result().thenApply(s -> (Session) s);
        QuicChannel.newBootstrap(socket).handler(handshake).streamHandler(streamInitializer()).remoteAddress(target)
                .connect().addListener(f -> {
                    if (!f.isSuccess()) {
                        handshake.result().completeExceptionally(
                                new IOException("dial " + address + ": " + f.cause().getMessage(), f.cause()));
                    }
                });
        return result;
    }

    private synchronized Channel dialSocket() throws IOException {
        if (dialSocket == null || !dialSocket.isActive()) {
            dialSocket = bind(new InetSocketAddress(0), codec(new QuicClientCodecBuilder().sslContext(clientContext)),
                    false);
        }
        return dialSocket;
    }

    /**
     * Binds the address. A wildcard listener ({@code 0.0.0.0} or {@code ::}) binds a dual-stack socket that a second
     * wildcard on the same port (kubo's default pair) shares; each listener reports the address it was asked for with
     * the port it got.
     */
    @Override
    public synchronized Transport.Listener listen(Multiaddr address, Acceptor acceptor) throws IOException {
        InetSocketAddress bind;
        try {
            bind = QuicAddresses.toSocketAddress(address);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        boolean wildcard = bind.getAddress().isAnyLocalAddress();
        SharedSocket socket = wildcard && bind.getPort() != 0 ? wildcards.get(bind.getPort()) : null;
        if (socket == null) {
            Set<Channel> connections = ConcurrentHashMap.newKeySet();
            ChannelHandler codec = codec(new QuicServerCodecBuilder().sslContext(serverContext)
                    .handler(connectionInitializer(acceptor, connections)).streamHandler(streamInitializer()));
            socket = new SharedSocket(bind(wildcard ? new InetSocketAddress(bind.getPort()) : bind, codec, true),
                    connections);
            listening.add(socket);
            if (wildcard) {
                wildcards.put(socket.port(), socket);
            }
        }
        socket.users++;
        SharedSocket shared = socket;
        Multiaddr actual = QuicAddresses.toMultiaddr(new InetSocketAddress(bind.getAddress(), shared.port()));
        return new Transport.Listener() {
            private boolean closed;

            @Override
            public Multiaddr address() {
                return actual;
            }

            @Override
            public void close() {
                synchronized (QuicTransport.this) {
                    if (!closed && --shared.users == 0) {
                        wildcards.remove(shared.port(), shared);
                        listening.remove(shared);
                        shared.close();
                    }
                    closed = true;
                }
            }
        };
    }

    /**
     * Both sides' transport parameters: the receive windows, the stream bound, no unidirectional streams (and, for a
     * server, no address validation by retry token, as go-libp2p's).
     */
    private <B extends QuicCodecBuilder<B>> ChannelHandler codec(B builder) {
        return builder.maxIdleTimeout(settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(settings.connectionReceiveWindow())
                .initialMaxStreamDataBidirectionalLocal(settings.streamReceiveWindow())
                .initialMaxStreamDataBidirectionalRemote(settings.streamReceiveWindow())
                .initialMaxStreamsBidirectional(settings.maxIncomingStreams())
                .initialMaxStreamsUnidirectional(0)
                .build();
    }

    /** Each connection a remote begins: watched through its handshake and passed to the acceptor. */
    private ChannelInitializer<QuicChannel> connectionInitializer(Acceptor acceptor, Set<Channel> connections) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(QuicChannel channel) {
                connections.add(channel);
                channel.closeFuture().addListener(f -> connections.remove(channel));
                QuicHandshake handshake = new QuicHandshake(null, settings);
                channel.pipeline().addLast("quic-handshake", handshake);
                acceptor.accept((InetSocketAddress) channel.remoteSocketAddress(), channel,
                        handshake.result().thenApply(s -> (Session) s));
            }
        };
    }

    private static ChannelInitializer<QuicStreamChannel> streamInitializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(QuicStreamChannel stream) {
                QuicSession.accept(stream);
            }
        };
    }

    /** Binds a UDP socket running the codec; a listening one with SO_REUSEPORT, so punch dials can share its port. */
    private Channel bind(InetSocketAddress address, ChannelHandler codec, boolean listener) throws IOException {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec);
        if (listener) {
            bootstrap.option(SO_REUSEPORT, true);
        }
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("cannot bind udp " + address + ": " + bound.cause().getMessage(), bound.cause());
        }
        return bound.channel();
    }

    /** A bound UDP socket, the connections it accepted, and how many listeners use it. */
    private static final class SharedSocket {
        final Channel channel;
        final Set<Channel> connections;
        int users;

        SharedSocket(Channel channel, Set<Channel> connections) {
            this.channel = channel;
            this.connections = connections;
        }

        /** Closes the connections first (a bounded wait), so their close reaches the remotes, then the socket. */
        void close() {
            List<ChannelFuture> closing = connections.stream().map(Channel::close).toList();
            closing.forEach(f -> f.awaitUninterruptibly(CLOSE_WAIT.toMillis()));
            channel.close().awaitUninterruptibly();
        }

        int port() {
            return ((InetSocketAddress) channel.localAddress()).getPort();
        }
    }

    /** Closes every connection and socket and stops the event loops. */
    @Deactivate
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
