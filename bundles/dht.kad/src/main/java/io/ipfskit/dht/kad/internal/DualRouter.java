package io.ipfskit.dht.kad.internal;

import io.ipfskit.api.discovery.ContentRouter;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.dht.kad.api.QueryListener;
import io.ipfskit.dht.kad.core.KadNode;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The DHTs as the content routing manager's {@code kad-dht} router, as kubo's dual DHT: providers are sought in the
 * public and the LAN DHT at once (by the CID's multihash) and each reported once, up to the limit; a search fails only
 * when every DHT's failed. Announcing goes to the public DHT while its routing table has peers, else to the LAN DHT.
 */
final class DualRouter implements ContentRouter {

    private final List<KadNode> dhts;

    /** The router over the public DHT and, when not null, the LAN DHT. */
    DualRouter(KadNode wan, KadNode lan) {
        this.dhts = lan == null ? List.of(wan) : List.of(wan, lan);
    }

    @Override
    public CompletionStage<Void> findProviders(Cid cid, int limit, Consumer<PeerInfo> provider) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Set<PeerId> reported = new HashSet<>();
        List<CompletableFuture<Void>> searches = new ArrayList<>();
        Consumer<PeerInfo> once = p -> {
            synchronized (reported) {
                if (done.isDone() || reported.size() >= limit || !reported.add(p.peerId())) {
                    return;
                }
                provider.accept(p);
                if (reported.size() >= limit) {
                    done.complete(null);
                }
            }
        };
        for (KadNode dht : dhts) {
            searches.add(dht.findProviders(cid.multihash(), limit, once, QueryListener.NONE));
        }
        CompletableFuture.allOf(searches.stream().map(s -> s.handle((ok, e) -> null)).toArray(CompletableFuture[]::new))
                .thenRun(() -> {
                    if (searches.stream().allMatch(CompletableFuture::isCompletedExceptionally)) {
                        searches.get(0).whenComplete((ok, e) -> done.completeExceptionally(e));
                    } else {
                        done.complete(null);
                    }
                });
        done.whenComplete((ok, e) -> searches.forEach(s -> s.cancel(true)));
        return done;
    }

    @Override
    public CompletionStage<Void> provide(Cid cid) {
        KadNode target = dhts.stream().filter(d -> d.tableSize() > 0).findFirst().orElse(dhts.get(0));
        return target.provide(cid.multihash(), QueryListener.NONE);
    }
}
