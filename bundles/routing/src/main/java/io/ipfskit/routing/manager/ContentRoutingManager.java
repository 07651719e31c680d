package io.ipfskit.routing.manager;

import io.ipfskit.api.discovery.ContentRouter;
import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.RuntimeProperties;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.routing.concurrent.SystemTime;
import io.ipfskit.routing.concurrent.Failures;
import io.ipfskit.routing.concurrent.Time;
import io.ipfskit.routing.dag.DagBlocks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The node's {@link ContentRouting}: asks every registered {@link ContentRouter} at once, reports cached providers
 * first (of the CID, then of its DAG's root: content affinity), ranked, then what the routers find, each provider
 * once, skipping peers in backoff; keeps per-provider stats (update_provider_stats) and ranks by them
 * (get_optimal_providers); announces through every router that announces,
 * and reprovides what the node stores or pins (an immediate component: the reprovider runs even if nothing uses the manager).
 * A node started offline ({@code ipfskit.offline=true}) never asks or announces.
 */
@Component(service = {ContentRouting.class, DagAffinity.class, ContentRoutingManager.class},
        configurationPid = "io.ipfskit.routing", immediate = true)
@Designate(ocd = RoutingConfig.class)
public final class ContentRoutingManager implements ContentRouting, DagAffinity {

    /** Providers listed in {@link #report()}, best first. */
    static final int REPORTED_PROVIDERS = 100;

    private static final System.Logger LOG = System.getLogger(ContentRoutingManager.class.getName());

    /** A registered router, its name and whether it announces. */
    private record Router(ContentRouter router, String name, boolean provides) {
    }

    private final Time time;
    private final PeerId self;
    private final boolean offline;
    private final RoutingSettings settings;
    private final ProviderLedger ledger;
    private final ProviderCache cache;
    private final AffinityIndex affinity;
    private final Reprovider reprovider;
    private final List<Router> routers = new CopyOnWriteArrayList<>();
    private final Runnable shutdown;
    private volatile Blockstore blockstore;
    private volatile Pinning pinning;
    private final DagBlocks dags = new DagBlocks();
    private final AtomicLong discoveries = new AtomicLong();
    private final AtomicLong providersFound = new AtomicLong();
    private final AtomicLong failedDiscoveries = new AtomicLong();
    private final AtomicLong routerErrors = new AtomicLong();
    private final AtomicLong announcements = new AtomicLong();
    private final AtomicLong failedAnnouncements = new AtomicLong();

    /** The component: configured bounds, the node's peer id, offline from the framework property; reprovides. */
    @Activate
    public ContentRoutingManager(@Reference Node node, RoutingConfig config, BundleContext context) {
        this(new SystemTime("ipfskit-routing-timer"), node.peerId(),
                "true".equals(context.getProperty(RuntimeProperties.OFFLINE)), RoutingSettings.of(config),
                Executors.newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, "ipfskit-reprovider");
                    thread.setDaemon(true);
                    return thread;
                }));
        reprovider.start();
    }

    private ContentRoutingManager(SystemTime time, PeerId self, boolean offline, RoutingSettings settings,
            ExecutorService worker) {
        this(time, self, offline, settings, worker, () -> {
            worker.shutdownNow();
            time.close();
        });
    }

    /** A manager on the given time, reprovides run on the worker; call {@link #startReprovider()} to schedule them. */
    ContentRoutingManager(Time time, PeerId self, boolean offline, RoutingSettings settings, Executor worker,
            Runnable shutdown) {
        this.time = time;
        this.self = self;
        this.offline = offline;
        this.settings = settings;
        this.shutdown = shutdown;
        this.ledger = new ProviderLedger(time, settings.maxTrackedPeers());
        this.cache = new ProviderCache(time, settings.providerCacheEntries(), settings.providersPerCid(),
                settings.providerCacheTtl());
        this.affinity = new AffinityIndex(settings.affinityBlocks());
        this.reprovider = new Reprovider(time, worker, settings, () -> blockstore, () -> pinning, dags,
                new Reprovider.Target() {
                    @Override
                    public String idleReason() {
                        return announceIdleReason();
                    }

                    @Override
                    public CompletionStage<Void> announce(Cid cid) {
                        return provide(cid);
                    }
                });
    }

    void startReprovider() {
        reprovider.start();
    }

    /** Stops the reprovider and the timer. */
    @Deactivate
    public void close() {
        reprovider.stop();
        shutdown.run();
    }

    /** A router arrived: later searches ask it too. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addRouter(ContentRouter router, Map<String, Object> properties) {
        Object name = properties.get(ContentRouter.NAME);
        boolean provides = !"false".equals(String.valueOf(properties.get(ContentRouter.PROVIDES)));
        routers.add(new Router(router, name == null ? router.getClass().getSimpleName() : name.toString(), provides));
    }

    /** A router left. */
    public void removeRouter(ContentRouter router) {
        routers.removeIf(r -> r.router() == router);
    }

    /** The node's blockstore arrived: reprovides walk it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setBlockstore(Blockstore store) {
        blockstore = store;
    }

    /** The blockstore left. */
    public void unsetBlockstore(Blockstore store) {
        if (blockstore == store) {
            blockstore = null;
        }
    }

    /** The pins arrived: reprovides of strategies pinned and roots read them. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setPinning(Pinning pins) {
        pinning = pins;
    }

    /** The pins left. */
    public void unsetPinning(Pinning pins) {
        if (pinning == pins) {
            pinning = null;
        }
    }

    /** A link walker arrived: reprovides of strategy pinned walk its codec's blocks. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addWalker(LinkWalker walker) {
        dags.add(walker);
    }

    /** A link walker left. */
    public void removeWalker(LinkWalker walker) {
        dags.remove(walker);
    }

    @Override
    public CompletionStage<Void> findProviders(Cid cid, int limit, Consumer<PeerInfo> provider) {
        ProviderSearch search = new ProviderSearch(limit, provider);
        discoveries.incrementAndGet();
        search.future().whenComplete((ok, failed) -> {
            int found = search.count();
            providersFound.addAndGet(found);
            if (found == 0) {
                failedDiscoveries.incrementAndGet();
            }
        });
        if (offline) {
            search.end();
            return search.future();
        }
        Time.Scheduled deadline = time.schedule(settings.findTimeout(), search::end);
        search.future().whenComplete((ok, failed) -> deadline.cancel());
        Multihash key = cid.multihash();
        Optional<Multihash> root = affinity.root(key);
        reportCached(search, cache.get(key));
        root.ifPresent(r -> reportCached(search, cache.get(r)));
        List<CompletionStage<Void>> searches = new ArrayList<>();
        for (Router router : routers) {
            if (search.ended()) {
                break;
            }
            searches.add(ask(router, cid, limit, search, key, root));
        }
        search.follow(searches);
        return search.future();
    }

    private void reportCached(ProviderSearch search, List<PeerInfo> cached) {
        Map<PeerId, PeerInfo> byPeer = new LinkedHashMap<>();
        cached.forEach(p -> byPeer.put(p.peerId(), p));
        for (PeerId peer : ledger.rank(byPeer.keySet())) {
            if (search.ended() || ledger.backingOff(peer)) {
                return;
            }
            search.report(byPeer.get(peer));
        }
    }

    private CompletionStage<Void> ask(Router router, Cid cid, int limit, ProviderSearch search, Multihash key,
            Optional<Multihash> root) {
        CompletionStage<Void> stage;
        try {
            stage = router.router().findProviders(cid, limit, provider -> found(search, provider, key, root));
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((ok, failed) -> {
            Throwable cause = failed == null ? null : Failures.cause(failed);
            if (cause != null && !(cause instanceof CancellationException)) {
                routerErrors.incrementAndGet();
                LOG.log(System.Logger.Level.DEBUG, "router {0} failed to find providers of {1}: {2}", router.name(),
                        cid, cause.getMessage());
            }
        });
        return stage;
    }

    private void found(ProviderSearch search, PeerInfo provider, Multihash key, Optional<Multihash> root) {
        if (search.ended() || provider.peerId().equals(self)) {
            return;
        }
        cache.add(key, provider);
        root.ifPresent(r -> cache.add(r, provider));
        if (!ledger.backingOff(provider.peerId())) {
            search.report(provider);
        }
    }

    /**
     * Announces through every router that announces; fails only when every one of them failed (with the first
     * failure). With no such router, or offline, there is nothing to do.
     */
    @Override
    public CompletionStage<Void> provide(Cid cid) {
        List<Router> announcing = offline ? List.of() : routers.stream().filter(Router::provides).toList();
        if (announcing.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        announcements.incrementAndGet();
        CompletableFuture<Void> result = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(announcing.size());
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> first = new AtomicReference<>();
        for (Router router : announcing) {
            announce(router, cid).whenComplete((ok, failed) -> {
                if (failed != null) {
                    Throwable cause = Failures.cause(failed);
                    first.compareAndSet(null, new IllegalStateException("router " + router.name() + ": "
                            + cause.getMessage(), cause));
                    failures.incrementAndGet();
                }
                if (pending.decrementAndGet() == 0) {
                    if (failures.get() == announcing.size()) {
                        failedAnnouncements.incrementAndGet();
                        result.completeExceptionally(first.get());
                    } else {
                        result.complete(null);
                    }
                }
            });
        }
        return result;
    }

    private static CompletionStage<Void> announce(Router router, Cid cid) {
        try {
            return router.router().provide(cid);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void recordSuccess(PeerId peer, Duration latency, long bytes) {
        ledger.success(peer, latency, bytes);
    }

    @Override
    public void recordFailure(PeerId peer) {
        ledger.failure(peer);
    }

    @Override
    public void recordMisbehaviour(PeerId peer, String reason) {
        ledger.misbehaviour(peer, reason);
    }

    @Override
    public List<PeerId> rank(Collection<PeerId> peers) {
        return ledger.rank(peers);
    }

    @Override
    public void relate(Cid block, Cid root) {
        affinity.relate(block.multihash(), root.multihash());
    }

    /** Whether the node runs offline. */
    public boolean offline() {
        return offline;
    }

    /** Starts a reprovide now (or returns the one running); completes when it ends. */
    public CompletableFuture<Void> reprovideNow() {
        return reprovider.runNow();
    }

    /** The metrics (providers found, failed discoveries, per-provider stats), the cache and the reprovider. */
    public Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("routers", routers.stream().map(r -> r.provides() ? r.name() : r.name() + " (finds only)").toList());
        out.put("offline", offline);
        out.put("discoveries", discoveries.get());
        out.put("providers_found", providersFound.get());
        out.put("failed_discoveries", failedDiscoveries.get());
        out.put("router_errors", routerErrors.get());
        out.put("announcements", announcements.get());
        out.put("failed_announcements", failedAnnouncements.get());
        Map<String, Object> cached = new LinkedHashMap<>();
        cached.put("cids", cache.keys());
        cached.put("providers", cache.size());
        cached.put("max_providers", settings.providerCacheEntries());
        cached.put("ttl_seconds", settings.providerCacheTtl().toSeconds());
        out.put("provider_cache", cached);
        out.put("providers_tracked", ledger.size());
        out.put("provider_stats", ledger.report(REPORTED_PROVIDERS));
        out.put("reprovider", reprovider.report());
        return out;
    }

    private String announceIdleReason() {
        if (offline) {
            return "the node is offline";
        }
        if (routers.stream().noneMatch(Router::provides)) {
            List<String> names = routers.stream().map(Router::name).toList();
            return "no router announces content (routers: " + (names.isEmpty() ? "none" : String.join(", ", names))
                    + ")";
        }
        return null;
    }
}
