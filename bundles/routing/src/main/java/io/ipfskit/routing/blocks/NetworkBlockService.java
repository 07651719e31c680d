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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * fetched blocks are announced through {@link ContentRouting}. Counts the integration stats.
 */
@Component(service = {BlockService.class, NetworkBlockService.class})
public final class NetworkBlockService implements BlockService {

    private static final System.Logger LOG = System.getLogger(NetworkBlockService.class.getName());

    private final Blockstore store;
    private final boolean nodeOffline;
    private final Time time;
    private final Runnable shutdown;
    private final RetrievalStats stats = new RetrievalStats();
    private final Set<NetworkBlockSession> open = ConcurrentHashMap.newKeySet();
    private final NetworkBlockSession.Listener listener = new NetworkBlockSession.Listener() {
        @Override
        public void wanting(Cid block, Cid root) {
            DagAffinity relations = affinity;
            if (relations != null) {
                relations.relate(block, root);
            }
        }

        @Override
        public void fetched(Cid block) {
            ContentRouting announcer = routing;
            if (announcer != null) {
                announcer.provide(block).whenComplete((ok, failed) -> {
                    if (failed != null) {
                        LOG.log(System.Logger.Level.DEBUG, "announcing {0} failed: {1}", block, failed.getMessage());
                    }
                });
            }
        }
    };

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
                new SystemTime("ipfskit-blockservice-timer"));
    }

    private NetworkBlockService(Blockstore store, boolean nodeOffline, SystemTime time) {
        this(store, nodeOffline, time, time::close);
    }

    /** A service on the given time; {@code shutdown} runs when it closes. */
    public NetworkBlockService(Blockstore store, boolean nodeOffline, Time time, Runnable shutdown) {
        this.store = store;
        this.nodeOffline = nodeOffline;
        this.time = time;
        this.shutdown = shutdown;
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
        return out;
    }
}
