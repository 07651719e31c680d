package io.ipfskit.relay;

import io.ipfskit.api.net.Host;
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
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Circuit relay v2 on this node: the client (the /p2p-circuit transport, the stop handler, reservations on the static
 * relays) always, the relay service (hop) on masters and workers when configured. It registers those services itself,
 * so no component depends back on the host through them (as identify does).
 */
@Component(immediate = true, configurationPid = "io.ipfskit.relay")
@Designate(ocd = RelayConfig.class)
public final class RelayService {

    private static final System.Logger LOG = System.getLogger(RelayService.class.getName());

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ipfskit-relay");
        t.setDaemon(true);
        return t;
    });
    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    private final StaticRelays relays;

    /** Registers the transport and handlers and starts reserving on the static relays. */
    @Activate
    public RelayService(@Reference Host host, @Reference Node node, RelayConfig config, BundleContext context) {
        List<Multiaddr> statics = staticRelays(config.staticRelays(), context.getProperty(RuntimeProperties.RELAYS));
        relays = new StaticRelays(host, statics, timers, Clock.systemUTC());
        subscriptions.add(host.subscribe(relays));
        RelayTransport transport = new RelayTransport(host, loops, relays::addresses);
        if (config.hop() && node.role() != NodeRole.LEECHER) {
            HopService hop = new HopService(host, node, limits(config), timers, Clock.systemUTC());
            subscriptions.add(host.subscribe(hop));
            registrations.add(handler(context, hop));
        }
        registrations.add(handler(context, new StopHandler(host, transport, relays::reservedOn)));
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Transport.PROTOCOL, "p2p-circuit");
        registrations.add(context.registerService(Transport.class, transport, properties));
        relays.start();
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
