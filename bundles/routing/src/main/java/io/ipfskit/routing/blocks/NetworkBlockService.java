package io.ipfskit.routing.blocks;

import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.api.exchange.BlockExchange;
import io.ipfskit.api.exchange.BlockService;
import io.ipfskit.api.exchange.BlockSession;
import io.ipfskit.api.exchange.FetchOptions;
import io.ipfskit.api.node.RuntimeProperties;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.routing.manager.DagAffinity;
import io.ipfskit.routing.concurrent.SystemTime;
import io.ipfskit.routing.concurrent.Time;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The node's {@link BlockService}: sessions read the {@link Blockstore} and fetch misses through the
 * {@link BlockExchange} when one is registered and neither the request nor the node ({@code ipfskit.offline=true}) is
 * offline. Blocks wanted are related to their request's first CID for the routing manager's content affinity;
 * fetched blocks are announced through {@link ContentRouting} in the background, once fetches pause
 * ({@link ProvideQueue}). Counts the
 * integration stats.
 */
@Component(service = {BlockService.class, NetworkBlockService.class})
public final class NetworkBlockService implements BlockService {

    /** Most fetched blocks waiting to be announced: a 256 MiB file's blocks sixteen times over. */
    static final int PROVIDE_QUEUE_CAPACITY = 16_384;
    /** Most announcements of fetched blocks under way at once. */
    static final int PROVIDES_IN_FLIGHT = 4;
    /** Announcements wait until no fetch started for this long, */
    static final Duration PROVIDE_QUIET = Duration.ofMillis(250);
    /** but at most this long after their block arrived. */
    static final Duration PROVIDE_MAX_DELAY = Duration.ofSeconds(10);

    private final Blockstore store;
    private final boolean nodeOffline;
    private final Time time;
    private final Runnable shutdown;
    private final RetrievalStats stats = new RetrievalStats();
    private final Set<NetworkBlockSession> open = ConcurrentHashMap.newKeySet();
    private final NetworkBlockSession.Listener listener = new NetworkBlockSession.Listener() {
        @Override
        public void wanting(Cid block, Cid root) {
            announcements.fetching();
            DagAffinity relations = affinity;
            if (relations != null) {
                relations.relate(block, root);
            }
        }

        @Override
        public void fetched(Cid block) {
            announcements.offer(block);
        }
    };
    private final ProvideQueue announcements;

    /** The exchange misses go to, if any. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BlockExchange exchange;

    /** Where fetched blocks are announced, if anywhere. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ContentRouting routing;

    /** Where wanted blocks are related to their DAG, if anywhere. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile DagAffinity affinity;

    /** The component over the node's blockstore; offline when the framework property says so. */
    @Activate
    public NetworkBlockService(@Reference Blockstore store, BundleContext context) {
        this(store, "true".equals(context.getProperty(RuntimeProperties.OFFLINE)),
                new SystemTime("ipfskit-blockservice-timer"), announcer());
    }

    private NetworkBlockService(Blockstore store, boolean nodeOffline, SystemTime time, ExecutorService announcer) {
        this(store, nodeOffline, time, announcer, () -> {
            time.close();
            announcer.shutdownNow();
        });
    }

    /**
     * A service on the given time, announcing fetched blocks on {@code announcer}; {@code shutdown} runs when it
     * closes.
     */
    public NetworkBlockService(Blockstore store, boolean nodeOffline, Time time, Executor announcer, Runnable shutdown) {
        this.store = store;
        this.nodeOffline = nodeOffline;
        this.time = time;
        this.shutdown = shutdown;
        this.announcements = new ProvideQueue(() -> routing, announcer, time, PROVIDE_QUIET, PROVIDE_MAX_DELAY,
                PROVIDE_QUEUE_CAPACITY, PROVIDES_IN_FLIGHT);
    }

    private static ExecutorService announcer() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "ipfskit-blockservice-provide");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public BlockSession session(FetchOptions options) {
        NetworkBlockSession session = new NetworkBlockSession(store, () -> exchange,
                nodeOffline ? options.asOffline() : options, time, stats, listener, open::remove);
        open.add(session);
        return session;
    }

    /** Closes the open sessions and stops the timer. */
    @Deactivate
    public void close() {
        open.forEach(NetworkBlockSession::close);
        shutdown.run();
    }

    /** Whether the node runs offline. */
    public boolean offline() {
        return nodeOffline;
    }

    /** The integration stats, whether an exchange is present and how many sessions are open. */
    public Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>(stats.report());
        out.put("exchange", exchange != null);
        out.put("offline", nodeOffline);
        out.put("open_sessions", open.size());
        out.putAll(announcements.report());
        return out;
    }
}
