package io.ipfskit.dht.kad.host;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.Identify;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.dht.kad.core.KadNetwork;
import io.ipfskit.dht.kad.core.Scheduler;
import io.ipfskit.dht.kad.wire.KadMessage;
import io.ipfskit.dht.kad.wire.MessageCodec;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The DHT's network on a libp2p {@link Host}: each request on a stream of its own for the DHT's protocol, addresses in
 * the host's peerstore (at most {@link MessageCodec#MAX_ADDRESSES} per peer learned from answers, the peer's own first),
 * and whether a peer serves the DHT from the protocols identify stored there (identifying the peer first when none are
 * known yet and an {@link Identify} service is there).
 */
public final class HostNetwork implements KadNetwork {

    private final Host host;
    private final String protocol;
    private final Duration timeout;
    private final Scheduler scheduler;
    private final Supplier<Identify> identify;

    /** Requests for {@code protocol} on the host, each within {@code timeout}; identify found through the supplier. */
    public HostNetwork(Host host, String protocol, Duration timeout, Scheduler scheduler, Supplier<Identify> identify) {
        this.host = host;
        this.protocol = protocol;
        this.timeout = timeout;
        this.scheduler = scheduler;
        this.identify = identify;
    }

    @Override
    public CompletionStage<KadMessage> request(PeerId peer, KadMessage request) {
        return OutboundRequest.send(host, peer, protocol, request, true, timeout, scheduler);
    }

    @Override
    public CompletionStage<Void> send(PeerId peer, KadMessage message) {
        return OutboundRequest.send(host, peer, protocol, message, false, timeout, scheduler).thenApply(none -> null);
    }

    @Override
    public void learn(PeerId peer, List<Multiaddr> addresses) {
        if (addresses.isEmpty() || peer.equals(host.peerId()) || isConnected(peer)) {
            return;
        }
        host.peerstore().update(peer, d -> {
            Set<Multiaddr> all = new LinkedHashSet<>(d.addresses());
            for (Multiaddr a : addresses) {
                if (all.size() >= MessageCodec.MAX_ADDRESSES) {
                    break;
                }
                all.add(a.withoutPeerId());
            }
            return d.withAddresses(List.copyOf(all));
        });
    }

    @Override
    public List<Multiaddr> addresses(PeerId peer) {
        return host.peerstore().get(peer).map(PeerData::addresses).orElse(List.of());
    }

    @Override
    public Set<PeerId> connectedPeers() {
        Set<PeerId> peers = new HashSet<>();
        host.connections().forEach(c -> peers.add(c.remotePeer()));
        return peers;
    }

    private boolean isConnected(PeerId peer) {
        for (Connection c : host.connections()) {
            if (c.remotePeer().equals(peer)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public CompletionStage<Boolean> servesDht(PeerId peer) {
        Set<String> known = host.peerstore().get(peer).map(PeerData::protocols).orElse(Set.of());
        if (known.contains(protocol)) {
            return CompletableFuture.completedFuture(true);
        }
        Identify id = identify.get();
        if (id == null || !known.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return id.identify(peer).handle((data, error) -> error == null && data.protocols().contains(protocol));
    }

    @Override
    public List<Multiaddr> ownAddresses() {
        return host.listenAddresses();
    }
}
