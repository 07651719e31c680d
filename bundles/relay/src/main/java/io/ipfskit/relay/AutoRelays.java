package io.ipfskit.relay;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.multiformats.PeerId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Automatic relays (kubo's relay client without static relays): while AutoNAT finds us private, reserve on up to
 * {@link #MAX} directly connected peers that offer the relay service (hop, as identify told us); once we are public
 * again, stop reserving on them. Unknown changes nothing.
 */
final class AutoRelays implements Consumer<Reachability> {

    static final int MAX = 2;

    private final Host host;
    private final Reservations reservations;
    private final Set<PeerId> chosen = ConcurrentHashMap.newKeySet();

    AutoRelays(Host host, Reservations reservations) {
        this.host = host;
        this.reservations = reservations;
    }

    /** Follows the reachability: chooses relays (more, up to the bound) while private, drops them when public. */
    @Override
    public synchronized void accept(Reachability now) {
        if (now == Reachability.PRIVATE) {
            choose();
        } else if (now == Reachability.PUBLIC) {
            chosen.forEach(reservations::remove);
            chosen.clear();
        }
    }

    /** The relays chosen now. */
    Set<PeerId> chosen() {
        return Set.copyOf(chosen);
    }

    private void choose() {
        for (Connection c : host.connections()) {
            PeerId peer = c.remotePeer();
            if (chosen.size() >= MAX) {
                return;
            }
            boolean offersHop = host.peerstore().get(peer).map(PeerData::protocols).orElse(Set.of())
                    .contains(HopService.PROTOCOL);
            if (offersHop && !HopService.relayed(c.remoteAddress()) && !chosen.contains(peer)
                    && reservations.add(c.remoteAddress().withPeerId(peer))) {
                chosen.add(peer);
            }
        }
    }
}
