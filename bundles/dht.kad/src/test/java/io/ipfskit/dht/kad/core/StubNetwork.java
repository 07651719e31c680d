package io.ipfskit.dht.kad.core;

import io.ipfskit.dht.kad.wire.KadMessage;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A {@link KadNetwork} for server-side tests: an address book, our own addresses; every peer answers with no peers. */
final class StubNetwork implements KadNetwork {

    final Map<PeerId, List<Multiaddr>> book = new HashMap<>();
    final List<Multiaddr> own;

    StubNetwork(List<Multiaddr> own) {
        this.own = own;
    }

    @Override
    public CompletionStage<KadMessage> request(PeerId peer, KadMessage request) {
        return CompletableFuture.completedFuture(request.answer(null, List.of(), List.of()));
    }

    @Override
    public CompletionStage<Void> send(PeerId peer, KadMessage message) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no requests in this test"));
    }

    @Override
    public void learn(PeerId peer, List<Multiaddr> addresses) {
        book.put(peer, addresses);
    }

    @Override
    public List<Multiaddr> addresses(PeerId peer) {
        return book.getOrDefault(peer, List.of());
    }

    @Override
    public Set<PeerId> connectedPeers() {
        return Set.of();
    }

    @Override
    public CompletionStage<Boolean> servesDht(PeerId peer) {
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public List<Multiaddr> ownAddresses() {
        return own;
    }
}
