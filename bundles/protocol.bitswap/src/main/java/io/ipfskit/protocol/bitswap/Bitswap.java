package io.ipfskit.protocol.bitswap;

import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.api.exchange.BlockExchange;
import io.ipfskit.api.exchange.ExchangeSession;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.client.Client;
import io.ipfskit.protocol.bitswap.client.ClientSettings;
import io.ipfskit.protocol.bitswap.message.BitswapMessage;
import io.ipfskit.protocol.bitswap.message.Dialect;
import io.ipfskit.protocol.bitswap.net.Network;
import io.ipfskit.protocol.bitswap.server.Engine;
import io.ipfskit.protocol.bitswap.server.LedgerView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * Bitswap 1.2.0 (and 1.1.0, 1.0.0, {@code /ipfs/bitswap}) as the node's {@link BlockExchange}: the client's sessions
 * fetch verified blocks into the blockstore, the decision engine serves what the blockstore holds, and both share one
 * stream per peer. Registers one {@link ProtocolHandler} per protocol id; uses the node's {@link ContentRouting} when
 * there is one. Messages, connection events and blockstore reads run on its own worker pool, received blocks are
 * stored on a pool of their own (several at once: each put may wait for the disk), never on an event loop.
 */
@Component(service = {BlockExchange.class, Bitswap.class}, property = BlockExchange.NAME + "=bitswap",
        configurationPid = "io.ipfskit.protocol.bitswap", immediate = true)
@Designate(ocd = BitswapConfig.class)
public final class Bitswap implements BlockExchange, Network.Events, AutoCloseable {

    /** Received blocks stored at once. */
    static final int STORAGE_THREADS = 4;

    private final ExecutorService workers;
    private final ExecutorService storage;
    private final ScheduledExecutorService timer;
    private final Network network;
    private final Engine engine;
    private final Client client;
    private final List<ProtocolHandler> handlers = new ArrayList<>();
    private final List<ServiceRegistration<ProtocolHandler>> registrations = new ArrayList<>();
    private final AtomicLong messagesReceived = new AtomicLong();
    private final int maxWantlistEntries;
    private volatile ContentRouting routing;

    /** The OSGi component: limits by the node's role, timings from configuration, handlers registered as services. */
    @Activate
    public Bitswap(@Reference Host host, @Reference Blockstore blockstore, @Reference Node node, BitswapConfig config,
            BundleContext context) {
        this(host, blockstore, settings(node, config));
        for (ProtocolHandler handler : handlers) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(ProtocolHandler.PROTOCOL_ID, handler.protocolId());
            registrations.add(context.registerService(ProtocolHandler.class, handler, properties));
        }
    }

    /** Bitswap outside OSGi (tests, benchmarks): give {@link #handlers()} to the host and set the routing by hand. */
    public Bitswap(Host host, Blockstore blockstore, BitswapSettings settings) {
        this.maxWantlistEntries = settings.server().maxWantlistEntries();
        this.workers = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads("ipfskit-bitswap-worker"));
        this.storage = new ThreadPoolExecutor(STORAGE_THREADS, STORAGE_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads("ipfskit-bitswap-store"));
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threads("ipfskit-bitswap-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.timer = scheduler;
        List<String> ids = settings.dialects().stream().map(Dialect::protocolId).toList();
        this.network = new Network(host, ids, workers, this);
        this.engine = new Engine(blockstore, settings.server(), workers,
                peer -> network.isConnected(peer) ? network.link(peer) : null);
        this.client = new Client(host, blockstore, network, () -> routing, workers, storage, timer, settings.client(),
                (from, cid, size) -> {
                    engine.received(from, size);
                    engine.blockAdded(cid, size);
                });
        ids.forEach(id -> handlers.add(new BitswapHandler(id, network)));
        network.start();
    }

    private static BitswapSettings settings(Node node, BitswapConfig config) {
        BitswapSettings defaults = BitswapSettings.of(node.role());
        ClientSettings client = defaults.client()
                .withTimings(Duration.ofMillis(config.providerSearchDelayMillis()), Duration.ofMillis(config.dontHaveTimeoutMillis()))
                .withMaxOutstandingBytesPerPeer(config.maxOutstandingBytesPerPeer());
        return defaults.withClient(client);
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Uses the node's content routing manager to find providers and to report how peers served. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetRouting")
    public void setRouting(ContentRouting value) {
        routing = value;
    }

    /** Stops using the content routing manager (if it is this one). */
    public void unsetRouting(ContentRouting value) {
        if (routing == value) {
            routing = null;
        }
    }

    /** One handler per protocol id spoken, newest first. */
    public List<ProtocolHandler> handlers() {
        return List.copyOf(handlers);
    }

    @Override
    public ExchangeSession newSession() {
        return client.newSession();
    }

    // ---- network events (on the peer's worker, in order) --------------------------------------------------------

    @Override
    public void message(PeerId peer, BitswapMessage message) {
        messagesReceived.incrementAndGet();
        if (!message.blocks().isEmpty()) {
            client.blocksReceived(peer, message.blocks());
        }
        if (network.isCutOff(peer)) {
            return;
        }
        if (!message.presences().isEmpty()) {
            client.presencesReceived(peer, message.presences());
        }
        if ((!message.wantlist().isEmpty() || message.full()) && !engine.wantlist(peer, message.wantlist(), message.full())) {
            network.cutOff(peer, "wants more than " + maxWantlistEntries + " blocks at once");
        }
    }

    @Override
    public void connected(PeerId peer) {
        client.peerConnected(peer);
    }

    @Override
    public void disconnected(PeerId peer) {
        client.peerGone(peer);
        engine.peerGone(peer);
    }

    @Override
    public void linkFailed(PeerId peer) {
        client.peerGone(peer);
    }

    // ---- admin ----------------------------------------------------------------------------------------------------

    /** kubo's bitswap stat. */
    public BitswapStat stat() {
        long[] received = client.received();
        return new BitswapStat(client.wantlist(), List.copyOf(network.peers()), received[0], received[1], received[2],
                received[3], messagesReceived.get(), engine.blocksSent(), engine.dataSent());
    }

    /** The CIDs our sessions want now. */
    public List<Cid> wantlist() {
        return client.wantlist();
    }

    /** The peer's ledger, if we exchanged anything with it while it is connected. */
    public Optional<LedgerView> ledger(PeerId peer) {
        return engine.ledger(peer);
    }

    /** The server's decision engine (tests read its bounds). */
    Engine engine() {
        return engine;
    }

    /** Unregisters the handlers, closes every session and link, and stops the threads. */
    @Deactivate
    @Override
    public void close() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        client.close();
        network.close();
        timer.shutdownNow();
        workers.shutdownNow();
        storage.shutdownNow();
    }
}
