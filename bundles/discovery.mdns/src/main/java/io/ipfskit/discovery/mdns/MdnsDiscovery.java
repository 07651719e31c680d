package io.ipfskit.discovery.mdns;

import io.ipfskit.api.discovery.PeerDiscovery;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.node.RuntimeProperties;
import io.ipfskit.multiformats.Multiaddr;
import io.netty.channel.AddressedEnvelope;
import io.netty.handler.codec.dns.DnsMessage;
import io.netty.util.ReferenceCountUtil;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * mDNS discovery as libp2p specifies it and {@code @libp2p/mdns} does: while enabled, asks the LAN for
 * {@code _p2p._udp.local} every interval (the first at once), answers others' questions with our non-loopback listen
 * addresses, and reports the peers that answer to the subscribers; a new subscriber makes it ask at once and hear
 * every peer anew. A port or interface it cannot use is logged, and the strategy stays registered and silent.
 */
@Component(service = PeerDiscovery.class, property = PeerDiscovery.NAME + "=mdns",
        configurationPid = "io.ipfskit.discovery.mdns", immediate = true)
@Designate(ocd = MdnsConfig.class)
public final class MdnsDiscovery implements PeerDiscovery {

    private static final System.Logger LOG = System.getLogger(MdnsDiscovery.class.getName());

    private final List<Consumer<PeerInfo>> listeners = new CopyOnWriteArrayList<>();
    private final MdnsAgent agent;
    private final MdnsChannel channel;

    /** Joins the group and starts asking, unless switched off. */
    @Activate
    public MdnsDiscovery(@Reference Host host, MdnsConfig config, BundleContext context) {
        AtomicReference<MdnsChannel> wire = new AtomicReference<>();
        agent = new MdnsAgent(MdnsWriter.randomPeerName(new SecureRandom()), host.peerId(), () -> announced(host),
                message -> sendOrDrop(wire.get(), message), this::report, System::nanoTime, reportSpacing(config));
        channel = enabled(config, context) ? open(config, agent) : null;
        wire.set(channel);
    }

    /**
     * A peer is reported again after half our interval: its answers to our questions come an interval apart, give or
     * take the timer's jitter, and each should reach the discovery manager (a dial that failed is retried then).
     */
    static Duration reportSpacing(MdnsConfig config) {
        return Duration.ofSeconds(config.intervalSeconds()).dividedBy(2);
    }

    /** {@code ipfskit.mdns} (the test profile's false) wins over the configured {@code enabled}. */
    static boolean enabled(MdnsConfig config, BundleContext context) {
        String override = context.getProperty(RuntimeProperties.MDNS);
        return override == null || override.isBlank() ? config.enabled() : Boolean.parseBoolean(override.trim());
    }

    private static MdnsChannel open(MdnsConfig config, MdnsAgent agent) {
        try {
            List<NetworkInterface> interfaces = interfaces(config.interfaces());
            if (interfaces.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "mDNS: no interface to use");
                return null;
            }
            MdnsChannel opened = new MdnsChannel(interfaces, agent::received);
            opened.every(Duration.ofSeconds(config.intervalSeconds()), agent::query);
            LOG.log(System.Logger.Level.INFO, "mDNS: asking every {0} s on {1}", config.intervalSeconds(),
                    interfaces.stream().map(NetworkInterface::getName).toList());
            return opened;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException | SocketException e) {
            LOG.log(System.Logger.Level.WARNING, "mDNS: off, {0}", e.toString());
            return null;
        }
    }

    private void report(PeerInfo peer) {
        listeners.forEach(l -> l.accept(peer));
    }

    /** A message wanting to go out without a channel (switched off, or a question heard while binding) is dropped. */
    private static void sendOrDrop(MdnsChannel channel, AddressedEnvelope<? extends DnsMessage, InetSocketAddress> message) {
        if (channel == null) {
            ReferenceCountUtil.release(message);
        } else {
            channel.send(message);
        }
    }

    /** The host's listen addresses but loopback ones, each ending in /p2p/ our id. */
    static List<Multiaddr> announced(Host host) {
        return host.listenAddresses().stream().filter(a -> !a.isLoopback() && a.toSocketAddress().isPresent())
                .map(a -> a.withPeerId(host.peerId())).toList();
    }

    /** The named interfaces, or every one up, not loopback, multicast-capable, with an IPv4 address. */
    static List<NetworkInterface> interfaces(String[] names) throws SocketException {
        List<String> wanted = Arrays.stream(names).map(String::trim).filter(n -> !n.isEmpty()).toList();
        return NetworkInterface.networkInterfaces().filter(nic -> {
            try {
                return wanted.isEmpty() ? nic.isUp() && !nic.isLoopback() && nic.supportsMulticast()
                        && nic.inetAddresses().anyMatch(Inet4Address.class::isInstance) : wanted.contains(nic.getName());
            } catch (SocketException e) {
                return false;
            }
        }).toList();
    }

    @Override
    public AutoCloseable subscribe(Consumer<PeerInfo> listener) {
        listeners.add(listener);
        if (channel != null) {
            agent.forgetReported();
            agent.query();
        }
        return () -> listeners.remove(listener);
    }

    /** Leaves the group and stops asking. */
    @Deactivate
    void deactivate() {
        listeners.clear();
        if (channel != null) {
            channel.close();
        }
    }
}
