package io.ipfskit.dht.kad.commands;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.dht.kad.api.QueryEvent;
import io.ipfskit.dht.kad.api.QueryEventType;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kubo's {@code routing.QueryEvent} as JSON, fields in Go's order: {@code {"ID":..., "Type":..., "Responses":[{"ID":...,
 * "Addrs":[...]}], "Extra":...}}; an event about no peer has an empty ID, one naming no peers null Responses.
 */
final class QueryEvents {

    private QueryEvents() {
    }

    /** The JSON of a DHT query's event. */
    static Map<String, Object> json(QueryEvent event) {
        return json(event.type(), event.peer(), event.responses(), event.extra());
    }

    /** The JSON of an event of the type about the peer (may be null), naming peers, with a note. */
    static Map<String, Object> json(QueryEventType type, PeerId peer, List<PeerInfo> responses, String extra) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("ID", peer == null ? "" : peer.toBase58());
        event.put("Type", type.code());
        event.put("Responses", responses.isEmpty() ? null : responses.stream().map(QueryEvents::addrInfo).toList());
        event.put("Extra", extra == null ? "" : extra);
        return event;
    }

    /** go-libp2p's AddrInfo JSON: {@code {"ID":..., "Addrs":[...]}}. */
    static Map<String, Object> addrInfo(PeerInfo peer) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("ID", peer.peerId().toBase58());
        info.put("Addrs", peer.addresses().stream().map(Multiaddr::toString).toList());
        return info;
    }
}
