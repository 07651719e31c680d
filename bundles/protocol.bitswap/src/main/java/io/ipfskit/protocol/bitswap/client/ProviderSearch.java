package io.ipfskit.protocol.bitswap.client;

import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.net.Host;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.net.Network;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Finds providers through the content routing (when the node has one) and dials them: one search per session at a
 * time, at most {@link ClientSettings#concurrentSearches()} at once, at most {@link ClientSettings#providersPerSearch()}
 * providers each, each found provider joining the session. Its counters are guarded by the client's lock.
 */
final class ProviderSearch {

    private static final System.Logger LOG = System.getLogger(ProviderSearch.class.getName());

    private final Host host;
    private final Network network;
    private final Supplier<ContentRouting> routing;
    private final ClientSettings settings;
    private final Executor workers;
    private final Object lock;
    private final BiConsumer<ClientSession, PeerId> adopt;
    private int running;

    ProviderSearch(Host host, Network network, Supplier<ContentRouting> routing, ClientSettings settings, Executor workers,
            Object lock, BiConsumer<ClientSession, PeerId> adopt) {
        this.host = host;
        this.network = network;
        this.routing = routing;
        this.settings = settings;
        this.workers = workers;
        this.lock = lock;
        this.adopt = adopt;
    }

    /** Starts a search for the CID on the session's behalf, unless one runs or ran within the search delay (holds the lock). */
    void search(ClientSession s, Cid cid) {
        ContentRouting r = routing.get();
        long now = System.nanoTime();
        if (r == null || s.searching || running >= settings.concurrentSearches()
                || (s.lastSearch != 0 && now - s.lastSearch < settings.providerSearchDelay().toNanos())) {
            return;
        }
        s.searching = true;
        s.lastSearch = now;
        running++;
        run(() -> r.findProviders(cid, settings.providersPerSearch(), info -> run(() -> found(s, info, r)))
                .toCompletableFuture().orTimeout(settings.searchTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((v, e) -> {
                    synchronized (lock) {
                        s.searching = false;
                        running--;
                    }
                }));
    }

    private void found(ClientSession s, PeerInfo info, ContentRouting r) {
        PeerId p = info.peerId();
        if (p.equals(host.peerId())) {
            return;
        }
        if (network.isConnected(p)) {
            adopt.accept(s, p);
            return;
        }
        host.connect(p, info.addresses()).whenComplete((connection, error) -> {
            if (error != null) {
                r.recordFailure(p);
            } else {
                run(() -> adopt.accept(s, p));
            }
        });
    }

    private void run(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "bitswap is stopping; provider search dropped");
        }
    }
}
