package io.ipfskit.host.internal;

import io.ipfskit.api.net.PeerData;
import io.ipfskit.api.net.Peerstore;
import io.ipfskit.multiformats.PeerId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** An in-memory peerstore holding at most a fixed number of peers, forgetting the least recently used. */
final class MemoryPeerstore implements Peerstore {

    private final Map<PeerId, PeerData> peers;

    MemoryPeerstore(int maxPeers) {
        this.peers = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<PeerId, PeerData> eldest) {
                return size() > maxPeers;
            }
        };
    }

    @Override
    public synchronized Optional<PeerData> get(PeerId peer) {
        return Optional.ofNullable(peers.get(peer));
    }

    @Override
    public synchronized void update(PeerId peer, UnaryOperator<PeerData> change) {
        peers.put(peer, change.apply(peers.getOrDefault(peer, PeerData.EMPTY)));
    }

    @Override
    public synchronized Set<PeerId> peers() {
        return Set.copyOf(peers.keySet());
    }
}
