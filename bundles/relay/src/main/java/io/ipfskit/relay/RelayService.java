package io.ipfskit.relay;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.net.HolePunch;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.spi.SecureChannel;
import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.api.node.RuntimeProperties;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.relay.wire.Limit;
import io.netty.channel.DefaultEventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
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
 * Circuit relay v2 and AutoNAT v1 on this node: the relay client (the /p2p-circuit transport, the stop handler,
 * reservations on the static relays, or on relays among its peers while AutoNAT finds it private) and the AutoNAT
 * client always; the relay service (hop, when configured) and the
 * AutoNAT server on masters and workers. It registers those services itself, so no component depends back on the host
 * through them (as identify does). The reachability AutoNAT found is the {@code ipfskit.reachability} property
 * (Unknown, Public, Private) of a {@code Supplier<String>} service others can filter on, and {@code swarm/reachability}.
 */
@Component(immediate = true, configurationPid = "io.ipfskit.relay")
@Designate(ocd = RelayConfig.class)
public final class RelayService {

    /** The service property holding the reachability AutoNAT found: Unknown, Public or Private. */
    public static final String REACHABILITY = RuntimeProperties.REACHABILITY;
    private static final Duration FIRST_PROBE = Duration.ofSeconds(15);
    private static final System.Logger LOG = System.getLogger(RelayService.class.getName());

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ipfskit-relay");
        t.setDaemon(true);
        return t;
    });
    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    private final Reservations relays;
    private final AutoNatClient autonat;
    private final ServiceRegistration<?> reachability;

    /** The TCP transport AutoNAT dials back with. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + Transport.PROTOCOL + "=tcp)")
    private volatile Transport tcp;

    /** The security channel AutoNAT's dial-back proves the peer with. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + SecureChannel.PROTOCOL_ID + "=/noise)")
    private volatile SecureChannel noise;

    /** Our addresses as peers observe them (identify's), which DCUtR offers. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(ipfskit.addresses=observed)")
    private volatile Supplier<List<Multiaddr>> observed;

    /** Registers the transport and handlers and starts reserving on the static relays. */
    @Activate
    public RelayService(@Reference Host host, @Reference HolePunch punch, @Reference Node node, RelayConfig config,
            BundleContext context) {
        List<Multiaddr> statics = staticRelays(config.staticRelays(), context.getProperty(RuntimeProperties.RELAYS));
        relays = new Reservations(host, statics, timers, Clock.systemUTC());
        subscriptions.add(host.subscribe(relays));
        RelayTransport transport = new RelayTransport(host, loops, relays::addresses);
        relays.onChange(transport::addressesChanged);
        if (config.hop() && node.role() != NodeRole.LEECHER) {
            HopService hop = new HopService(host, node, limits(config), timers, Clock.systemUTC());
            subscriptions.add(host.subscribe(hop));
            registrations.add(handler(context, hop));
        }
        if (node.role() != NodeRole.LEECHER) {
            registrations.add(handler(context, new AutoNatServer(host, new SecureDialBack(() -> tcp, () -> noise),
                    DialBackBudget.defaults(), Clock.systemUTC())));
        }
        Hashtable<String, Object> reachable = new Hashtable<>();
        reachable.put(REACHABILITY, Reachability.UNKNOWN.label());
        AutoRelays auto = config.autoRelay() && statics.isEmpty() ? new AutoRelays(host, relays) : null;
        autonat = new AutoNatClient(host, now -> {
            Hashtable<String, Object> changed = new Hashtable<>();
            changed.put(REACHABILITY, now.label());
            reachabilityRegistration().setProperties(changed);
            if (auto != null) {
                auto.accept(now);
            }
        });
        reachability = context.registerService(Supplier.class, (Supplier<String>) () -> autonat.reachability().label(),
                reachable);
        registrations.add(context.registerService(RpcCommand.class, new ReachabilityCommand(autonat::reachability),
                rpcName("swarm/reachability")));
        Duration every = Duration.ofSeconds(config.autonatProbeSeconds());
        autonat.schedule(timers, every.compareTo(FIRST_PROBE) < 0 ? every : FIRST_PROBE, every);
        if (auto != null) {
            timers.scheduleWithFixedDelay(() -> auto.accept(autonat.reachability()), every.toMillis(), every.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        registrations.add(handler(context, new StopHandler(host, transport, relays::reservedOn)));
        if (config.holePunching()) {
            HolePuncher dcutr = new HolePuncher(host, punch, this::observedAddresses, timers);
            subscriptions.add(host.subscribe(dcutr));
            registrations.add(handler(context, dcutr));
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Transport.PROTOCOL, "p2p-circuit");
        registrations.add(context.registerService(Transport.class, transport, properties));
        relays.start();
    }

    private List<Multiaddr> observedAddresses() {
        Supplier<List<Multiaddr>> now = observed;
        return now == null ? List.of() : now.get();
    }

    private ServiceRegistration<?> reachabilityRegistration() {
        return reachability;
    }

    private static Hashtable<String, Object> rpcName(String name) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(RpcCommand.NAME, name);
        return properties;
    }

    static RelayLimits limits(RelayConfig config) {
        return new RelayLimits(Duration.ofSeconds(config.reservationTtlSeconds()), config.maxReservations(),
                config.maxReservationsPerIp(), config.maxCircuitsPerPeer(), config.maxCircuits(),
                new Limit(config.circuitDurationSeconds(), config.circuitDataBytes()));
    }

    private static List<Multiaddr> staticRelays(String[] configured, String property) {
        Stream<String> fromProperty = property == null ? Stream.empty() : Arrays.stream(property.split(","));
        return Stream.concat(Arrays.stream(configured), fromProperty).map(String::trim).filter(s -> !s.isEmpty())
                .map(Multiaddr::parse).filter(a -> {
                    if (a.peerId().isEmpty()) {
                        LOG.log(System.Logger.Level.ERROR, "static relay {0} ignored: it does not end in /p2p/<peer id>", a);
                    }
                    return a.peerId().isPresent();
                }).distinct().toList();
    }

    private static ServiceRegistration<ProtocolHandler> handler(BundleContext context, ProtocolHandler handler) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ProtocolHandler.PROTOCOL_ID, handler.protocolId());
        return context.registerService(ProtocolHandler.class, handler, properties);
    }

    /** Unregisters everything and stops reserving. */
    @Deactivate
    void close() throws Exception {
        reachability.unregister();
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        for (AutoCloseable s : subscriptions) {
            s.close();
        }
        relays.close();
        timers.shutdownNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
