package io.ipfskit.discovery;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.discovery.PeerDiscovery;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.HostListener;
import io.ipfskit.api.net.spi.SecureChannel;
import io.ipfskit.api.net.spi.StreamMuxer;
import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.multiformats.PeerId;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The discovery manager, active while the host can dial (a transport, a security channel and a muxer are registered:
 * a dial made before would fail and back a good peer off): subscribes to every {@link PeerDiscovery} service while it
 * is registered (a strategy whose bundle stops is unsubscribed and its waiting peers dropped; the others go on) and
 * dials what they report through the host, within the role's connection target, backing off peers that fail. Serves
 * {@code discovery/stats}.
 */
@Component(service = RpcCommand.class, property = RpcCommand.NAME + "=discovery/stats",
        configurationPid = "io.ipfskit.discovery", immediate = true)
@Designate(ocd = DiscoveryConfig.class)
public final class DiscoveryManager implements RpcCommand {

    private static final System.Logger LOG = System.getLogger(DiscoveryManager.class.getName());

    private final Host host;
    private final ExecutorService executor;
    private final PeerFeeder feeder;
    private final AutoCloseable hostSubscription;
    private final int target;
    private final Map<PeerDiscovery, Subscription> subscriptions = new HashMap<>();

    private record Subscription(String name, AutoCloseable closeable) {
    }

    /*
     * What the host needs to dial, required here so that the manager runs only while a dial can succeed; dynamic, so
     * that one muxer (say) leaving while another stays changes nothing.
     */
    @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<Transport> transports;
    @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<SecureChannel> securityChannels;
    @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<StreamMuxer> muxers;

    /** Starts feeding the host; strategies are bound as they come. */
    @Activate
    public DiscoveryManager(@Reference Host host, @Reference Node node, DiscoveryConfig config) {
        this.host = host;
        this.target = config.targetConnections() >= 0 ? config.targetConnections() : byRole(node.role());
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "ipfskit-discovery");
            thread.setDaemon(true);
            return thread;
        });
        FeederLimits limits = new FeederLimits(target, config.maxDialsInFlight(), config.maxCandidates(),
                Duration.ofSeconds(config.initialBackoffSeconds()),
                Duration.ofSeconds(Math.max(config.initialBackoffSeconds(), config.maxBackoffSeconds())),
                config.backoffCapacity());
        this.feeder = new PeerFeeder(new HostNetwork(host), limits, System::nanoTime, executor);
        this.hostSubscription = host.subscribe(new HostListener() {
            @Override
            public void disconnected(Connection connection) {
                feeder.wake();
            }
        });
    }

    /** The role's connection manager low water: what the node keeps without trimming. */
    static int byRole(NodeRole role) {
        return switch (role) {
            case MASTER -> 100;
            case WORKER -> 50;
            case LEECHER -> 20;
        };
    }

    /** Subscribes to a strategy. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeDiscovery")
    void addDiscovery(PeerDiscovery discovery, Map<String, Object> properties) {
        String name = nameOf(properties);
        AutoCloseable subscription = discovery.subscribe(peer -> feeder.offer(name, peer));
        synchronized (subscriptions) {
            subscriptions.put(discovery, new Subscription(name, subscription));
        }
        LOG.log(System.Logger.Level.DEBUG, "discovery strategy {0} subscribed", name);
    }

    /** Unsubscribes from a strategy that left and drops the peers it reported that still wait. */
    void removeDiscovery(PeerDiscovery discovery, Map<String, Object> properties) {
        Subscription subscription;
        synchronized (subscriptions) {
            subscription = subscriptions.remove(discovery);
        }
        if (subscription != null) {
            close(subscription.closeable, subscription.name);
        }
        feeder.forget(nameOf(properties));
    }

    private static String nameOf(Map<String, Object> properties) {
        Object name = properties.get(PeerDiscovery.NAME);
        return name == null ? "unnamed" : name.toString();
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws IOException {
        Map<String, Object> strategies = new LinkedHashMap<>();
        feeder.stats().forEach((name, s) -> strategies.put(name, Map.of("Found", s.found(), "Dialled", s.dialled(),
                "Connected", s.connected(), "Failed", s.failed())));
        int[] queues = feeder.queues();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("TargetConnections", target);
        reply.put("Connections", host.connections().size());
        reply.put("Waiting", queues[0]);
        reply.put("Dialling", queues[1]);
        reply.put("BackingOff", queues[2]);
        synchronized (subscriptions) {
            reply.put("Subscribed", subscriptions.values().stream().map(Subscription::name).sorted().toList());
        }
        reply.put("Strategies", strategies);
        response.json(reply);
    }

    /** Unsubscribes from every strategy and stops dialling. */
    @Deactivate
    void deactivate() {
        feeder.close();
        List<Subscription> left;
        synchronized (subscriptions) {
            left = List.copyOf(subscriptions.values());
            subscriptions.clear();
        }
        left.forEach(s -> close(s.closeable, s.name));
        close(hostSubscription, "host listener");
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(AutoCloseable closeable, String what) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "closing the subscription of {0}: {1}", what, e.toString());
        }
    }

    /** The feeder's view of the host. */
    private record HostNetwork(Host host) implements PeerFeeder.Network {

        @Override
        public PeerId self() {
            return host.peerId();
        }

        @Override
        public Set<PeerId> connectedPeers() {
            return host.connections().stream().map(Connection::remotePeer).collect(Collectors.toSet());
        }

        @Override
        public CompletionStage<?> dial(PeerInfo peer) {
            return host.connect(peer.peerId(), peer.addresses());
        }
    }
}
