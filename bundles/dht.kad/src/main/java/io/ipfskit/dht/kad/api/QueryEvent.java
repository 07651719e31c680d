package io.ipfskit.dht.kad.api;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.PeerId;
import java.util.List;

/** One step of a DHT query, as kubo's {@code routing.QueryEvent}: a type, the peer it concerns, peers named, a note. */
public record QueryEvent(QueryEventType type, PeerId peer, List<PeerInfo> responses, String extra) {

    /** Copies the list; a null note reads as empty. */
    public QueryEvent {
        responses = List.copyOf(responses);
        extra = extra == null ? "" : extra;
    }
}
