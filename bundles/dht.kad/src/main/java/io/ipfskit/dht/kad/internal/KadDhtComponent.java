package io.ipfskit.dht.kad.internal;

import io.ipfskit.api.discovery.ContentRouter;
import io.ipfskit.api.discovery.PeerDiscovery;
import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.HostListener;
import io.ipfskit.api.net.Identify;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.api.KademliaDht;
import io.ipfskit.dht.kad.core.KadNode;
import io.ipfskit.dht.kad.core.KadSettings;
import io.ipfskit.dht.kad.host.ExecutorScheduler;
import io.ipfskit.dht.kad.host.HostNetwork;
import io.ipfskit.dht.kad.host.KadProtocolHandler;
import io.ipfskit.dht.kad.records.Journal;
import io.ipfskit.dht.kad.records.PublicKeyValidator;
import io.ipfskit.dht.kad.records.RecordStore;
import io.ipfskit.dht.kad.records.StoreLimits;
import io.ipfskit.dht.kad.records.Validators;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The node's Kademlia DHTs, as kubo's dual DHT: the public one ({@code wan}) and, unless configured off, the LAN one
 * ({@code lan}), each registered as a {@link KademliaDht}; together the {@code kad-dht} {@link ContentRouter} and
 * {@link PeerDiscovery}. In server mode (by role unless configured) each DHT registers its {@link ProtocolHandler}, so
 * identify advertises it; in client mode neither does. Records live in {@code <repo>/dht/wan} and {@code <repo>/dht/lan}.
 */
@Component(service = {}, configurationPid = "io.ipfskit.dht.kad", immediate = true)
@Designate(ocd = KadDhtConfig.class)
public final class KadDhtComponent implements HostListener {

    /** The router's and the discovery's name. */
    public static final String NAME = "kad-dht";

    private final Host host;
    private final ExecutorScheduler scheduler = new ExecutorScheduler("ipfskit-dht", 2);
    private final List<KadNode> dhts = new ArrayList<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final AutoCloseable subscription;
    private volatile Identify identify;

    /** Starts the DHTs with the configured mode and bounds, and registers their services. */
    @Activate
    public KadDhtComponent(@Reference Host host, @Reference Node node, KadDhtConfig config, BundleContext context)
            throws IOException {
        this.host = host;
        DhtMode mode = mode(config.mode(), node.role());
        StoreLimits limits = limits(config, node.role());
        KadNode wan;
        KadNode lan;
        try {
            wan = start(KadSettings.wan(mode, config.acceptPrivateAddresses()), config, node, limits, "wan", context);
            lan = config.lan() ? start(KadSettings.lan(mode), config, node, limits, "lan", context) : null;
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        register(context, ContentRouter.class, new DualRouter(wan, lan), ContentRouter.NAME, NAME,
                ContentRouter.PROVIDES, Boolean.TRUE);
        register(context, PeerDiscovery.class, listener -> {
            List<AutoCloseable> subscriptions = dhts.stream().map(d -> d.discover(listener)).toList();
            return () -> {
                for (AutoCloseable s : subscriptions) {
                    s.close();
                }
            };
        }, PeerDiscovery.NAME, NAME);
        this.subscription = host.subscribe(this);
        host.connections().forEach(this::connected);
    }

    private KadNode start(KadSettings defaults, KadDhtConfig config, Node node, StoreLimits limits, String name,
            BundleContext context) throws IOException {
        KadSettings settings = defaults.withTimings(Duration.ofSeconds(config.requestTimeoutSeconds()),
                Duration.ofSeconds(config.lookupTimeoutSeconds()), Duration.ofMinutes(config.refreshIntervalMinutes()));
        Path dir = node.repo().resolve("dht").resolve(name);
        RecordStore store = new RecordStore(limits, scheduler::now, new Journal(dir.resolve("records.log")));
        HostNetwork network = new HostNetwork(host, settings.protocolId(), settings.requestTimeout(), scheduler,
                () -> identify);
        Validators validators = new Validators(peer -> publicKey(store, peer));
        KadNode dht = new KadNode(node.peerId(), settings, network, store, validators, scheduler);
        dhts.add(dht);
        dht.start();
        register(context, KademliaDht.class, dht, KademliaDht.NAME, name);
        if (settings.mode() == DhtMode.SERVER) {
            register(context, ProtocolHandler.class, new KadProtocolHandler(dht, scheduler), ProtocolHandler.PROTOCOL_ID,
                    settings.protocolId());
        }
        return dht;
    }

    /** A public key known locally: from identify (the peerstore), else a {@code /pk} record of the store. */
    private Optional<PublicKey> publicKey(RecordStore store, PeerId peer) {
        Optional<PublicKey> identified = host.peerstore().get(peer).map(PeerData::publicKey);
        if (identified.isPresent()) {
            return identified;
        }
        byte[] prefix = PublicKeyValidator.PREFIX.getBytes(StandardCharsets.US_ASCII);
        byte[] id = peer.bytes();
        byte[] key = new byte[prefix.length + id.length];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        System.arraycopy(id, 0, key, prefix.length, id.length);
        return store.value(key).flatMap(v -> {
            try {
                return Optional.of(PublicKey.unmarshal(v.value()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    static DhtMode mode(String configured, NodeRole role) {
        return switch (configured.trim().toLowerCase(Locale.ROOT)) {
            case "client" -> DhtMode.CLIENT;
            case "server" -> DhtMode.SERVER;
            default -> role == NodeRole.LEECHER ? DhtMode.CLIENT : DhtMode.SERVER;
        };
    }

    private static StoreLimits limits(KadDhtConfig config, NodeRole role) {
        StoreLimits byRole = StoreLimits.of(role);
        return config.maxStoreMegabytes() < 0 ? byRole : byRole.withBounds(byRole.providersPerKey(),
                byRole.recordsPerPeer(), byRole.valuesPerPeer(), byRole.maxValueBytes(), (long) config.maxStoreMegabytes() << 20);
    }

    private <T> void register(BundleContext context, Class<T> type, T service, Object... properties) {
        Hashtable<String, Object> p = new Hashtable<>();
        for (int i = 0; i < properties.length; i += 2) {
            p.put((String) properties[i], properties[i + 1]);
        }
        registrations.add(context.registerService(type, service, p));
    }

    /** Uses identify, when there is one, to learn whether a peer serves the DHT. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetIdentify")
    void setIdentify(Identify value) {
        identify = value;
    }

    void unsetIdentify(Identify value) {
        if (identify == value) {
            identify = null;
        }
    }

    @Override
    public void connected(Connection connection) {
        PeerId peer = connection.remotePeer();
        scheduler.execute(() -> dhts.forEach(d -> d.peerConnected(peer)));
    }

    /** Unregisters the services, stops the DHTs and closes their record stores. */
    @Deactivate
    void close() throws Exception {
        subscription.close();
        stop();
    }

    private void stop() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        dhts.forEach(KadNode::close);
        scheduler.close();
    }
}
