package io.ipfskit.discovery.bootstrap;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.discovery.PeerDiscovery;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.node.RuntimeProperties;
import io.ipfskit.multiformats.Multiaddr;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Bootstrap discovery: every {@code periodSeconds} (and when a listener subscribes), while the node has fewer than
 * {@code minConnections} connections, reports the bootstrap peers it is not connected to (the discovery manager dials
 * them and backs off those that fail). The list is the framework property {@code ipfskit.bootstrap} when set (empty:
 * none), else the configured one. Serves kubo's {@code bootstrap/list}. Rounds run only while someone listens.
 */
@Component(service = {PeerDiscovery.class, RpcCommand.class},
        property = {PeerDiscovery.NAME + "=bootstrap", RpcCommand.NAME + "=bootstrap/list"},
        configurationPid = "io.ipfskit.discovery.bootstrap", immediate = true)
@Designate(ocd = BootstrapConfig.class)
public final class BootstrapDiscovery implements PeerDiscovery, RpcCommand {

    private static final System.Logger LOG = System.getLogger(BootstrapDiscovery.class.getName());

    private final List<Consumer<PeerInfo>> listeners = new CopyOnWriteArrayList<>();
    private final NettyTxtLookup dns;
    private final Bootstrapper bootstrapper;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong rounds = new AtomicLong();

    /** Reads the list and starts the rounds. */
    @Activate
    public BootstrapDiscovery(@Reference Host host, BootstrapConfig config, BundleContext context) {
        String override = context.getProperty(RuntimeProperties.BOOTSTRAP);
        String[] texts = override != null ? new String[] {override} : config.peers();
        List<Multiaddr> entries = BootstrapList.parse(texts, refused -> LOG.log(System.Logger.Level.WARNING,
                "bootstrap peer refused: {0}", refused));
        dns = new NettyTxtLookup(DnsServerAddressStreamProviders.platformDefault(),
                Duration.ofSeconds(config.dnsTimeoutSeconds()));
        bootstrapper = new Bootstrapper(entries, config.minConnections(),
                () -> host.connections().stream().map(Connection::remotePeer).collect(Collectors.toSet()),
                new DnsaddrResolver(dns), new SecureRandom());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ipfskit-bootstrap");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::round, config.periodSeconds(), config.periodSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public AutoCloseable subscribe(Consumer<PeerInfo> listener) {
        listeners.add(listener);
        timer.execute(this::round);
        return () -> listeners.remove(listener);
    }

    /** One round, unless one is still running or nobody listens; logged at debug. */
    private void round() {
        if (listeners.isEmpty() || !running.compareAndSet(false, true)) {
            return;
        }
        long round = rounds.incrementAndGet();
        bootstrapper.round().whenComplete((peers, failure) -> {
            running.set(false);
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING, "bootstrap round {0} failed: {1}", round, failure.toString());
                return;
            }
            peers.forEach(peer -> listeners.forEach(l -> l.accept(peer)));
            LOG.log(System.Logger.Level.DEBUG, "Bootstrap round {0}: {1} peers configured, {2} reported to dial", round,
                    bootstrapper.entries().size(), peers.size());
        });
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws IOException {
        response.json(Map.of("Peers", bootstrapper.entries().stream().map(Multiaddr::toString).toList()));
    }

    /** Stops the rounds and the DNS resolver. */
    @Deactivate
    void deactivate() {
        listeners.clear();
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dns.close();
    }
}
