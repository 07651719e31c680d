package io.ipfskit.dht.kad.internal;

import io.ipfskit.api.discovery.ContentRouter;
import io.ipfskit.api.discovery.PeerDiscovery;
import io.ipfskit.api.metrics.MeterBinder;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.Identify;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.api.node.RuntimeProperties;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.api.KademliaDht;
import io.ipfskit.dht.kad.core.KadNode;
import io.ipfskit.dht.kad.core.KadSettings;
import io.ipfskit.dht.kad.host.ExecutorScheduler;
import io.ipfskit.dht.kad.host.HostDht;
import io.ipfskit.dht.kad.records.Journal;
import io.ipfskit.dht.kad.records.RecordStore;
import io.ipfskit.dht.kad.records.StoreLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
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
public final class KadDhtComponent {

    private static final System.Logger LOG = System.getLogger(KadDhtComponent.class.getName());

    /** The router's and the discovery's name. */
    public static final String NAME = "kad-dht";

    private final Host host;
    private final ExecutorScheduler scheduler = new ExecutorScheduler("ipfskit-dht", 2);
    private final List<HostDht> dhts = new ArrayList<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    /** The protocol handler's registration of each DHT while it serves. */
    private final Map<HostDht, ServiceRegistration<?>> serving = new HashMap<>();
    private final BundleContext context;
    private final NodeRole role;
    private final String configuredMode;
    private volatile String reachability;
    /** The service id of the reachability bound now. */
    private Object reachabilityService;
    private volatile Identify identify;

    /** Starts the DHTs with the configured mode and bounds, and registers their services. */
    @Activate
    public KadDhtComponent(@Reference Host host, @Reference Node node, KadDhtConfig config, BundleContext context)
            throws IOException {
        this.host = host;
        this.context = context;
        this.configuredMode = config.mode();
        this.role = node.role();
        DhtMode mode = mode(configuredMode, role, reachability);
        StoreLimits limits = limits(config, node.role());
        KadNode wan;
        KadNode lan;
        try {
            boolean acceptPrivate = config.acceptPrivateAddresses()
                    || Boolean.parseBoolean(context.getProperty(RuntimeProperties.DHT_ACCEPT_PRIVATE_ADDRESSES));
            wan = start(KadSettings.wan(mode, acceptPrivate), config, node, limits, "wan", context);
            lan = config.lan() ? start(KadSettings.lan(mode), config, node, limits, "lan", context) : null;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        register(context, ContentRouter.class, new DualRouter(wan, lan), ContentRouter.NAME, NAME,
                ContentRouter.PROVIDES, Boolean.TRUE);
        register(context, PeerDiscovery.class, listener -> {
            List<AutoCloseable> subscriptions = dhts.stream().map(d -> d.node().discover(listener)).toList();
            return () -> {
                for (AutoCloseable s : subscriptions) {
                    s.close();
                }
            };
        }, PeerDiscovery.NAME, NAME);
    }

    private KadNode start(KadSettings defaults, KadDhtConfig config, Node node, StoreLimits limits, String name,
            BundleContext context) throws IOException {
        KadSettings settings = defaults.withTimings(Duration.ofSeconds(config.requestTimeoutSeconds()),
                Duration.ofSeconds(config.lookupTimeoutSeconds()), Duration.ofMinutes(config.refreshIntervalMinutes()));
        Path file = node.repo().resolve("dht").resolve(name).resolve("records.log");
        RecordStore store = new RecordStore(limits, scheduler::now, new Journal(file));
        HostDht dht = new HostDht(host, settings, store, scheduler, () -> identify);
        dhts.add(dht);
        dht.start();
        register(context, KademliaDht.class, dht.node(), KademliaDht.NAME, name);
        register(context, MeterBinder.class, new DhtMeters(name, dht.node()));
        if (settings.mode() == DhtMode.SERVER) {
            serve(dht);
        }
        return dht.node();
    }

    /**
     * The mode: {@code client} or {@code server} as configured; {@code auto} by role (a leecher only asks) and, once
     * AutoNAT has found the node unreachable ({@code Private}), a client, as go's auto mode: a server others cannot dial
     * back would only slow their lookups.
     */
    static DhtMode mode(String configured, NodeRole role, String reachability) {
        return switch (configured.trim().toLowerCase(Locale.ROOT)) {
            case "client" -> DhtMode.CLIENT;
            case "server" -> DhtMode.SERVER;
            default -> role == NodeRole.LEECHER || "Private".equals(reachability) ? DhtMode.CLIENT : DhtMode.SERVER;
        };
    }

    /** The node's reachability as AutoNAT found it (the relay bundle's service), while there is one. */
    @Reference(service = Supplier.class, target = "(" + RuntimeProperties.REACHABILITY + "=*)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetReachability",
            updated = "setReachability")
    synchronized void setReachability(Map<String, Object> properties) {
        reachabilityService = properties.get(Constants.SERVICE_ID);
        reachability = String.valueOf(properties.get(RuntimeProperties.REACHABILITY));
        applyMode();
    }

    /** A service that goes; SCR binds a replacement before it unbinds the one replaced, which then changes nothing. */
    synchronized void unsetReachability(Map<String, Object> properties) {
        if (java.util.Objects.equals(reachabilityService, properties.get(Constants.SERVICE_ID))) {
            reachabilityService = null;
            reachability = null;
            applyMode();
        }
    }

    /** Serves or stops serving as the mode now says: the handler's service comes or goes, and identify tells peers. */
    private synchronized void applyMode() {
        DhtMode mode = mode(configuredMode, role, reachability);
        for (HostDht dht : dhts) {
            if (dht.node().mode() == mode) {
                continue;
            }
            LOG.log(System.Logger.Level.INFO, "DHT {0} is now a {1} (reachability {2})", dht.node().protocolId(),
                    mode.name().toLowerCase(Locale.ROOT), reachability);
            dht.node().mode(mode);
            ServiceRegistration<?> registration = serving.remove(dht);
            if (registration != null) {
                registration.unregister();
            }
            if (mode == DhtMode.SERVER) {
                serve(dht);
            }
        }
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

    /** Registers the DHT's protocol handler, so that the host answers and identify advertises it. */
    private void serve(HostDht dht) {
        serving.put(dht, context.registerService(ProtocolHandler.class, dht.handler(),
                new Hashtable<>(Map.of(ProtocolHandler.PROTOCOL_ID, dht.node().protocolId()))));
    }

    /** Unregisters the services, stops the DHTs and closes their record stores. */
    @Deactivate
    synchronized void close() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        serving.values().forEach(ServiceRegistration::unregister);
        serving.clear();
        for (HostDht dht : dhts) {
            try {
                dht.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing a DHT: {0}", e.toString());
            }
        }
        dhts.clear();
        scheduler.close();
    }
}
