package io.ipfskit.routing.connected;

import io.ipfskit.api.discovery.ContentRouter;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The "connected" {@link ContentRouter}: reports the connected peers that speak Bitswap (by the protocols identify
 * recorded in the peerstore) as candidate providers of any CID, at their known listen addresses (else the address of
 * the connection); announcing through it does nothing, since connected peers ask us directly.
 */
@Component(property = {ContentRouter.NAME + "=" + ConnectedPeersRouter.NAME,
    ContentRouter.PROVIDES + ":Boolean=false"})
public final class ConnectedPeersRouter implements ContentRouter {

    /** The router's name. */
    public static final String NAME = "connected";
    /** The Bitswap protocol ids a candidate must speak (one of). */
    static final Set<String> BITSWAP = Set.of("/ipfs/bitswap/1.2.0", "/ipfs/bitswap/1.1.0", "/ipfs/bitswap/1.0.0",
            "/ipfs/bitswap");

    private final Host host;

    /** Reports the host's connected peers. */
    @Activate
    public ConnectedPeersRouter(@Reference Host host) {
        this.host = host;
    }

    @Override
    public CompletionStage<Void> findProviders(Cid cid, int limit, Consumer<PeerInfo> provider) {
        Set<PeerId> reported = new HashSet<>();
        for (Connection connection : host.connections()) {
            if (reported.size() >= limit) {
                break;
            }
            PeerId peer = connection.remotePeer();
            Optional<PeerData> data = host.peerstore().get(peer);
            if (reported.contains(peer) || data.isEmpty()
                    || data.get().protocols().stream().noneMatch(BITSWAP::contains)) {
                continue;
            }
            reported.add(peer);
            List<Multiaddr> addresses = data.get().addresses().isEmpty() ? List.of(connection.remoteAddress())
                    : data.get().addresses();
            provider.accept(new PeerInfo(peer, addresses));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> provide(Cid cid) {
        return CompletableFuture.completedFuture(null);
    }
}
