package io.ipfskit.host.internal;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Direction;
import io.ipfskit.api.net.HolePunch;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.HostListener;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.api.net.Peerstore;
import io.ipfskit.api.net.spi.MuxedStream;
import io.ipfskit.api.net.spi.MuxedTransport;
import io.ipfskit.api.net.spi.SecureChannel;
import io.ipfskit.api.net.spi.StreamMuxer;
import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.RuntimeProperties;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.Protocol;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The libp2p host: listens with every registered transport on the configured addresses, upgrades connections with
 * the registered security channels and muxers, keeps one connection per peer for outbound use, and routes inbound
 * streams to the registered {@link ProtocolHandler}s; all four kinds may come and go at run time.
 */
@Component(service = {Host.class, HostResources.class, HolePunch.class}, configurationPid = "io.ipfskit.host", immediate = true)
@Designate(ocd = HostConfig.class)
public final class DefaultHost implements Host, HostResources, HolePunch {

    private static final System.Logger LOG = System.getLogger(DefaultHost.class.getName());
    /** Where a relay client listens (for circuits relays open to us); a transport handling it always listens there. */
    private static final Multiaddr CIRCUIT = Multiaddr.parse("/p2p-circuit");

    private final Node node;
    private volatile HostSettings settings;
    private final Map<Transport, List<Transport.Listener>> transports = new ConcurrentHashMap<>();
    private final Map<MuxedTransport, List<Transport.Listener>> muxedTransports = new ConcurrentHashMap<>();
    private final Ranked<SecureChannel> securities = new Ranked<>();
    private final Ranked<StreamMuxer> muxers = new Ranked<>();
    private final Map<String, ProtocolHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Set<HostStream>> served = new ConcurrentHashMap<>();
    private final Map<PeerId, List<HostConnection>> connections = new ConcurrentHashMap<>();
    private final Map<PeerId, CompletableFuture<Connection>> dials = new ConcurrentHashMap<>();
    private final List<HostListener> listeners = new CopyOnWriteArrayList<>();
    private final MemoryPeerstore peerstore;
    private final DialBackoff backoff;
    private final AtomicBoolean trimScheduled = new AtomicBoolean();
    private final ScheduledExecutorService trimTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ipfskit-host-trim");
        t.setDaemon(true);
        return t;
    });
    /** Runs protocol handlers: each stream queues at most one task at a time, so the queue is bounded by the streams. */
    private final ThreadPoolExecutor handlerExecutor;
    private final ResourceManager resources;
    private final Bandwidth bandwidth = new Bandwidth(System::nanoTime);
    private final HolePunchRoles punchRoles = new HolePunchRoles();
    private volatile boolean closed;

    /** The OSGi component: settings from configuration, listen addresses overridden by {@code ipfskit.swarm}. */
    @Activate
    public DefaultHost(@Reference Node node, HostConfig config, BundleContext context) {
        this(node, settings(config, context, node));
    }

    /**
     * Applies a new configuration without a restart, so connections and bound ports stay: limits and timeouts at
     * once, changed listen addresses by rebinding; {@code maxPeers} sizes the peerstore at the next start. A bad
     * address changes nothing.
     */
    @Modified
    void modified(HostConfig config, BundleContext context) {
        HostSettings next;
        try {
            next = settings(config, context, node);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "configuration io.ipfskit.host: {0}; keeping the previous configuration",
                    e.getMessage());
            return;
        }
        HostSettings previous = settings;
        settings = next;
        resizeHandlerThreads(next.handlerThreads());
        resources.limits(next.resources());
        boolean relisten = !next.listen().equals(previous.listen());
        if (relisten) {
            for (Transport transport : List.copyOf(transports.keySet())) {
                stopListening(transport);
                addTransport(transport);
            }
            for (MuxedTransport transport : List.copyOf(muxedTransports.keySet())) {
                stopListening(transport);
                addMuxedTransport(transport);
            }
        }
        LOG.log(System.Logger.Level.INFO, "configuration io.ipfskit.host applied{0}",
                relisten ? "; now listening on " + listenAddresses() : "");
    }

    private static HostSettings settings(HostConfig config, BundleContext context, Node node) {
        return new HostSettings(listenAddresses(config, context.getProperty(RuntimeProperties.SWARM)),
                Duration.ofSeconds(config.dialTimeoutSeconds()), Duration.ofSeconds(config.upgradeTimeoutSeconds()),
                Duration.ofSeconds(config.negotiationTimeoutSeconds()), config.maxPeers(), limits(config, node),
                resources(config, node), config.handlerThreads());
    }

    private static ResourceLimits resources(HostConfig config, Node node) {
        ResourceLimits role = ResourceLimits.of(node.role());
        return new ResourceLimits(orRole(config.maxPendingHandshakes(), role.pendingHandshakes()),
                orRole(config.maxPendingHandshakesPerIp(), role.pendingHandshakesPerIp()),
                orRole(config.maxInboundConnections(), role.inboundConnections()),
                orRole(config.maxConnections(), role.connections()),
                orRole(config.maxConnectionsPerPeer(), role.connectionsPerPeer()),
                orRole(config.maxInboundStreams(), role.inboundStreams()),
                orRole(config.maxOutboundStreams(), role.outboundStreams()),
                orRole(config.maxInboundStreamsPerPeer(), role.inboundStreamsPerPeer()),
                orRole(config.maxOutboundStreamsPerPeer(), role.outboundStreamsPerPeer()));
    }

    private static int orRole(int configured, int byRole) {
        return configured >= 0 ? configured : byRole;
    }

    private static ConnectionLimits limits(HostConfig config, Node node) {
        ConnectionLimits role = ConnectionLimits.of(node.role());
        return new ConnectionLimits(config.lowWater() >= 0 ? config.lowWater() : role.low(),
                config.highWater() >= 0 ? config.highWater() : role.high(),
                config.gracePeriodSeconds() >= 0 ? Duration.ofSeconds(config.gracePeriodSeconds()) : role.grace());
    }

    /** A host outside OSGi (tests, benchmarks): add transports, security channels, muxers and handlers by hand. */
    public DefaultHost(Node node, HostSettings settings) {
        this.node = node;
        this.settings = settings;
        this.peerstore = new MemoryPeerstore(settings.maxPeers());
        this.backoff = new DialBackoff(settings.maxPeers());
        AtomicInteger threads = new AtomicInteger();
        this.handlerExecutor = new ThreadPoolExecutor(settings.handlerThreads(), settings.handlerThreads(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "ipfskit-handler-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        handlerExecutor.allowCoreThreadTimeOut(true);
        this.resources = new ResourceManager(settings.resources());
    }

    private static List<Multiaddr> listenAddresses(HostConfig config, String override) {
        String[] texts = override != null && !override.isBlank() ? new String[] {override} : config.listen();
        // a value may list several, comma-separated (a profile written into etc/ by init --profile)
        return Arrays.stream(texts).flatMap(t -> Arrays.stream(t.split(","))).map(String::trim).filter(t -> !t.isEmpty())
                .map(Multiaddr::parse).toList();
    }

    HostSettings settings() {
        return settings;
    }

    /** Where stream listeners run. */
    Executor handlerExecutor() {
        return handlerExecutor;
    }

    /** What remote peers may hold of this host. */
    ResourceManager resourceManager() {
        return resources;
    }

    @Override
    public ResourceSnapshot resources() {
        return resources.snapshot();
    }

    @Override
    public Bandwidth bandwidth() {
        return bandwidth;
    }

    private void resizeHandlerThreads(int count) {
        if (count > handlerExecutor.getMaximumPoolSize()) {
            handlerExecutor.setMaximumPoolSize(count);
            handlerExecutor.setCorePoolSize(count);
        } else {
            handlerExecutor.setCorePoolSize(count);
            handlerExecutor.setMaximumPoolSize(count);
        }
    }

    // ---- whiteboard --------------------------------------------------------------------------------------------

    /** Starts listening with the transport on each configured address it handles. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addTransport(Transport transport) {
        List<Transport.Listener> bound = new CopyOnWriteArrayList<>();
        transports.put(transport, bound);
        List<Multiaddr> wanted = new ArrayList<>(settings.listen());
        if (transport.handles(CIRCUIT) && !wanted.contains(CIRCUIT)) {
            wanted.add(CIRCUIT);
        }
        for (Multiaddr address : wanted) {
            if (transport.handles(address)) {
                try {
                    Transport.Listener listener = transport.listen(address, initializer(transport));
                    listener.onAddressesChanged(this::listenAddressesChanged);
                    bound.add(listener);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.ERROR, "cannot listen on {0}: {1}", address, e.getMessage());
                }
            }
        }
        listenAddressesChanged();
    }

    /**
     * Closes the connections the transport carries, then stops its listeners (the transport is going away): in that
     * order, so the address change pushed to peers goes over the connections that stay.
     */
    public void removeTransport(Transport transport) {
        closeConnectionsBuiltWith(transport);
        stopListening(transport);
    }

    private void stopListening(Transport transport) {
        List<Transport.Listener> bound = transports.remove(transport);
        if (bound != null) {
            bound.forEach(Transport.Listener::close);
            listenAddressesChanged();
        }
    }

    /** Starts listening with the transport, whose connections come secured and muxed, on each configured address it handles. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addMuxedTransport(MuxedTransport transport) {
        List<Transport.Listener> bound = new CopyOnWriteArrayList<>();
        muxedTransports.put(transport, bound);
        for (Multiaddr address : settings.listen()) {
            if (transport.handles(address)) {
                try {
                    bound.add(transport.listen(address, MuxedSessions.acceptor(this, transport)));
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.ERROR, "cannot listen on {0}: {1}", address, e.getMessage());
                }
            }
        }
        listenAddressesChanged();
    }

    /** As {@link #removeTransport}: closes its connections, then stops its listeners. */
    public void removeMuxedTransport(MuxedTransport transport) {
        closeConnectionsBuiltWith(transport);
        stopListening(transport);
    }

    private void stopListening(MuxedTransport transport) {
        List<Transport.Listener> bound = muxedTransports.remove(transport);
        if (bound != null) {
            bound.forEach(Transport.Listener::close);
            listenAddressesChanged();
        }
    }

    /** Offers the security channel in later negotiations, ordered by its service ranking. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeSecureChannel")
    void bindSecureChannel(SecureChannel security, Map<String, Object> properties) {
        securities.add(security, Ranked.rankingOf(properties));
    }

    /** Offers the security channel in later negotiations, after those already offered (ranking 0). */
    public void addSecureChannel(SecureChannel security) {
        securities.add(security, 0);
    }

    /** Stops offering the security channel and closes the connections it secures. */
    public void removeSecureChannel(SecureChannel security) {
        securities.remove(security);
        closeConnectionsBuiltWith(security);
    }

    /** Offers the muxer in later negotiations, ordered by its service ranking. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeMuxer")
    void bindMuxer(StreamMuxer muxer, Map<String, Object> properties) {
        muxers.add(muxer, Ranked.rankingOf(properties));
    }

    /** Offers the muxer in later negotiations, after those already offered (ranking 0). */
    public void addMuxer(StreamMuxer muxer) {
        muxers.add(muxer, 0);
    }

    /** Stops offering the muxer and closes the connections it multiplexes. */
    public void removeMuxer(StreamMuxer muxer) {
        muxers.remove(muxer);
        closeConnectionsBuiltWith(muxer);
    }

    /** Closes, through their muxers (yamux says go away), the connections a leaving transport, channel or muxer built. */
    private void closeConnectionsBuiltWith(Object part) {
        connections.values().forEach(list -> list.stream().filter(c -> c.builtWith(part)).forEach(HostConnection::close));
    }

    /** Serves the handler's protocol from now on. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addProtocolHandler(ProtocolHandler handler) {
        handlers.put(handler.protocolId(), handler);
        protocolsChanged();
    }

    /** Stops serving the handler's protocol and resets the streams it was serving. */
    public void removeProtocolHandler(ProtocolHandler handler) {
        if (handlers.remove(handler.protocolId(), handler)) {
            Set<HostStream> open = served.remove(handler.protocolId());
            if (open != null) {
                open.forEach(HostStream::reset);
            }
            protocolsChanged();
        }
    }

    /**
     * A new inbound stream of a protocol, tracked until it ends so that removing its handler can reset it; its lease
     * goes when it ends.
     */
    HostStream served(MuxedStream stream, PeerId remote, String protocol, ResourceManager.Lease lease) {
        Set<HostStream> open = served.computeIfAbsent(protocol, p -> ConcurrentHashMap.newKeySet());
        HostStream hostStream = new HostStream(stream, remote, protocol, handlerExecutor, bandwidth, ended -> {
            open.remove(ended);
            lease.close();
        });
        open.add(hostStream);
        return hostStream;
    }

    private void protocolsChanged() {
        Set<String> now = protocols();
        listeners.forEach(l -> notify(() -> l.protocolsChanged(now)));
    }

    private void listenAddressesChanged() {
        List<Multiaddr> now = listenAddresses();
        listeners.forEach(l -> notify(() -> l.listenAddressesChanged(now)));
    }

    ProtocolHandler handler(String protocol) {
        return handlers.get(protocol);
    }

    boolean serves(String protocol) {
        return handlers.containsKey(protocol);
    }

    SecureChannel security(String protocol) {
        return securities.values().stream().filter(s -> s.protocolId().equals(protocol)).findFirst().orElse(null);
    }

    List<String> securityIds() {
        return securities.values().stream().map(SecureChannel::protocolId).distinct().toList();
    }

    StreamMuxer muxer(String protocol) {
        return muxers.values().stream().filter(m -> m.protocolId().equals(protocol)).findFirst().orElse(null);
    }

    List<String> muxerIds() {
        return muxers.values().stream().map(StreamMuxer::protocolId).distinct().toList();
    }

    // ---- connections -------------------------------------------------------------------------------------------

    /** Upgrades each accepted channel whose handshake the resource manager admits; closes the others at once. */
    private ChannelInitializer<Channel> initializer(Transport transport) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                InetAddress ip = channel.remoteAddress() instanceof InetSocketAddress socket ? socket.getAddress() : null;
                ResourceManager.Lease handshake = resources.handshake(ip);
                if (handshake == null) {
                    LOG.log(System.Logger.Level.DEBUG, "refusing a connection from {0}: handshake limit", ip);
                    channel.close();
                    return;
                }
                CompletableFuture<HostConnection> upgraded = new CompletableFuture<>();
                upgraded.whenComplete((c, e) -> handshake.close());
                channel.closeFuture().addListener(f -> handshake.close());
                new Upgrade(DefaultHost.this, transport, channel, Direction.INBOUND, null, upgraded,
                        punchRoles.client(channel.remoteAddress(), false)).begin();
            }
        };
    }

    /**
     * Keeps an upgraded connection, unless the host is closed or the resource manager refuses it (an inbound one from a
     * peer holding as many as it may): then closes it and returns false.
     */
    boolean register(HostConnection connection) {
        PeerId peer = connection.remotePeer();
        if (closed) {
            connection.close();
            return false;
        }
        ResourceManager.Lease lease = resources.connection(peer, connection.direction());
        if (lease == null) {
            LOG.log(System.Logger.Level.DEBUG, "refusing {0}: connection limit per peer", connection);
            connection.close();
            return false;
        }
        connections.computeIfAbsent(peer, p -> new CopyOnWriteArrayList<>()).add(connection);
        peerstore.update(peer, d -> d.withIdentity(connection.remoteKey(), d.agentVersion(), d.protocolVersion()));
        connection.channel().closeFuture().addListener(f -> {
            lease.close();
            connections.computeIfPresent(peer, (p, list) -> {
                list.remove(connection);
                return list.isEmpty() ? null : list;
            });
            listeners.forEach(l -> notify(() -> l.disconnected(connection)));
        });
        listeners.forEach(l -> notify(() -> l.connected(connection)));
        trim();
        return true;
    }

    /** Closes the least useful connections above the high water mark; retries once the grace period has passed. */
    private void trim() {
        List<Connection> all = connections();
        List<Connection> victims = ConnectionTrimmer.victims(all, settings.limits(), Instant.now());
        victims.forEach(c -> {
            LOG.log(System.Logger.Level.DEBUG, "trimming {0}: {1} connections above the high water mark", c, all.size());
            c.close();
        });
        if (all.size() - victims.size() > settings.limits().high() && !trimScheduled.getAndSet(true)) {
            trimTimer.schedule(() -> {
                trimScheduled.set(false);
                trim();
            }, settings.limits().grace().toMillis() + 1, TimeUnit.MILLISECONDS);
        }
    }

    private static void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "host listener failed", e);
        }
    }

    @Override
    public PeerId peerId() {
        return node.peerId();
    }

    @Override
    public List<Multiaddr> listenAddresses() {
        List<Multiaddr> out = new ArrayList<>();
        transports.values().forEach(bound -> bound.forEach(l -> l.addresses().forEach(a -> out.addAll(ListenAddresses.expand(a)))));
        muxedTransports.values().forEach(bound -> bound.forEach(l -> l.addresses().forEach(a -> out.addAll(ListenAddresses.expand(a)))));
        return List.copyOf(new LinkedHashSet<>(out));
    }

    @Override
    public Set<String> protocols() {
        return Set.copyOf(new TreeSet<>(handlers.keySet()));
    }

    @Override
    public CompletionStage<Connection> connect(Multiaddr address) {
        return address.peerId().map(peer -> connect(peer, List.of(address.withoutPeerId())))
                .orElseGet(() -> CompletableFuture.failedFuture(new IOException(address + " does not end in /p2p/<peer id>")));
    }

    @Override
    public CompletionStage<Connection> connect(PeerId peer, List<Multiaddr> addresses) {
        if (peer.equals(peerId())) {
            return CompletableFuture.failedFuture(new IOException("cannot dial ourselves"));
        }
        Connection existing = openConnection(peer);
        if (existing != null) {
            return CompletableFuture.completedFuture(existing);
        }
        if (addresses.isEmpty()) {
            Optional<Duration> wait = backoff.remaining(peer, Instant.now());
            if (wait.isPresent()) {
                return CompletableFuture.failedFuture(new IOException("dial backoff: " + peer + " failed recently, retry in "
                        + wait.get().toMillis() + " ms"));
            }
        } else {
            backoff.clear(peer);
            peerstore.update(peer, d -> {
                LinkedHashSet<Multiaddr> all = new LinkedHashSet<>(addresses);
                all.addAll(d.addresses());
                return d.withAddresses(List.copyOf(all));
            });
        }
        // Callers get a stage that completes only after the backoff and the pending-dial map are updated, so a caller
        // that reacts to a failure by dialling again meets the backoff, not this finished dial.
        CompletableFuture<Connection> fresh = new CompletableFuture<>();
        AtomicReference<CompletableFuture<Connection>> shared = new AtomicReference<>();
        CompletableFuture<Connection> result = fresh.whenComplete((c, e) -> {
            dials.remove(peer, shared.get());
            if (e == null) {
                backoff.clear(peer);
            } else {
                backoff.failed(peer, Instant.now());
            }
        });
        shared.set(result);
        CompletableFuture<Connection> dial = dials.putIfAbsent(peer, result);
        if (dial != null) {
            return dial;
        }
        List<Multiaddr> known = peerstore.get(peer).map(PeerData::addresses).orElse(List.of());
        if (known.isEmpty()) {
            fresh.completeExceptionally(new IOException("no known address for " + peer));
        } else {
            new StaggeredDial(known, address -> dial(peer, address), trimTimer, fresh).start();
        }
        return result;
    }

    /** One dial of the peer at one address, upgraded, or carried by a transport whose connections come upgraded. */
    private CompletionStage<HostConnection> dial(PeerId peer, Multiaddr address) {
        if (closed) {
            return CompletableFuture.failedFuture(new IOException("host is closed"));
        }
        MuxedTransport muxed = muxedTransports.keySet().stream().filter(t -> t.handles(address)).findFirst().orElse(null);
        if (muxed != null) {
            return MuxedSessions.dial(this, muxed, address, peer);
        }
        Transport transport = transports.keySet().stream().filter(t -> t.handles(address)).findFirst().orElse(null);
        if (transport == null) {
            return CompletableFuture.failedFuture(new IOException("no transport for " + address));
        }
        CompletableFuture<HostConnection> upgraded = new CompletableFuture<>();
        // The peer id goes along (transports ignore a trailing /p2p): a relayed dial needs its target.
        transport.dial(address.withPeerId(peer), settings.dialTimeout(), new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                new Upgrade(DefaultHost.this, transport, channel, Direction.OUTBOUND, peer, upgraded, true).begin();
            }
        }).whenComplete((channel, error) -> {
            if (error != null) {
                upgraded.completeExceptionally(error);
            }
        });
        return upgraded;
    }

    /** A usable connection to the peer, a direct one if any (a relayed one is limited and slower). */
    private Connection openConnection(PeerId peer) {
        List<HostConnection> list = connections.get(peer);
        if (list == null) {
            return null;
        }
        return list.stream().filter(HostConnection::usable).min((x, y) -> Boolean.compare(relayed(x), relayed(y)))
                .orElse(null);
    }

    /** Whether the connection runs through a relay. */
    static boolean relayed(Connection connection) {
        return connection.remoteAddress().valueOf(Protocol.P2P_CIRCUIT).isPresent();
    }

    @Override
    public CompletionStage<Connection> connectDirect(PeerId peer, List<Multiaddr> addresses, boolean client,
            Duration delay, Duration timeout) {
        List<Multiaddr> direct = addresses.stream().filter(a -> a.valueOf(Protocol.P2P_CIRCUIT).isEmpty()).toList();
        List<InetSocketAddress> sockets = direct.stream().flatMap(a -> a.toSocketAddress().stream())
                .filter(s -> !s.isUnresolved()).toList();
        CompletableFuture<Connection> result = new CompletableFuture<>();
        AutoCloseable subscription = subscribe(new HostListener() {
            @Override
            public void connected(Connection connection) {
                if (connection.remotePeer().equals(peer) && !relayed(connection)) {
                    result.complete(connection);
                }
            }
        });
        Runnable release = punchRoles.hold(sockets, client);
        result.whenComplete((c, e) -> {
            release.run();
            try {
                subscription.close();
            } catch (Exception ignored) {
                // removing a listener from a list does not fail
            }
        });
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            for (Multiaddr address : direct) {
                MuxedTransport muxed = muxedTransports.keySet().stream().filter(t -> t.handles(address)).findFirst()
                        .orElse(null);
                if (muxed != null) {
                    punchMuxed(muxed, address, peer, client, timeout, result);
                } else {
                    transports.keySet().stream().filter(t -> t.handles(address)).findFirst()
                            .ifPresent(t -> punch(t, address, peer, client));
                }
            }
            result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        });
        return result;
    }

    /**
     * One address of a hole punch over a transport with its own client and server (QUIC): the client dials it from the
     * listening port; the server opens its NAT to it until the punch ends, and the peer's connection comes through the
     * listener.
     */
    private void punchMuxed(MuxedTransport transport, Multiaddr address, PeerId peer, boolean client, Duration timeout,
            CompletableFuture<Connection> punch) {
        if (client) {
            MuxedSessions.punchDial(this, transport, address, peer, timeout).whenComplete((c, error) -> {
                if (error != null) {
                    LOG.log(System.Logger.Level.DEBUG, "hole punch to {0} at {1}: {2}", peer, address, error.getMessage());
                }
            });
        } else {
            Runnable stop = transport.punchOpen(address, timeout);
            punch.whenComplete((c, e) -> stop.run());
        }
    }

    /** One dial of a hole punch; a connection it makes is registered, and reported to the punch as any other. */
    private void punch(Transport transport, Multiaddr address, PeerId peer, boolean client) {
        transport.dial(address.withPeerId(peer), settings.dialTimeout(), new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                new Upgrade(DefaultHost.this, transport, channel, Direction.OUTBOUND, peer, new CompletableFuture<>(),
                        client).begin();
            }
        }).whenComplete((channel, error) -> {
            if (error != null) {
                LOG.log(System.Logger.Level.DEBUG, "hole punch to {0} at {1}: {2}", peer, address, error.getMessage());
            }
        });
    }

    @Override
    public CompletionStage<Stream> newStream(PeerId peer, List<String> protocols, Function<Stream, StreamListener> listener) {
        return connect(peer, List.of()).thenCompose(c -> c.newStream(protocols, listener));
    }

    @Override
    public List<Connection> connections() {
        List<Connection> out = new ArrayList<>();
        connections.values().forEach(out::addAll);
        return out;
    }

    @Override
    public Peerstore peerstore() {
        return peerstore;
    }

    @Override
    public AutoCloseable subscribe(HostListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Stops listening and closes every connection. */
    @Deactivate
    public void close() {
        closed = true;
        trimTimer.shutdownNow();
        transports.keySet().forEach(this::stopListening);
        muxedTransports.keySet().forEach(this::stopListening);
        connections().forEach(Connection::close);
        handlerExecutor.shutdown();
    }
}
