package io.ipfskit.dht.kad.api;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.time.Instant;
import java.util.List;

/**
 * One peer of a routing table: its addresses, when it entered, when it last answered one of our requests, and when it
 * last gave us something useful (a closer peer, a provider, a value; null if never).
 */
public record TableEntry(PeerId peer, List<Multiaddr> addresses, Instant added, Instant lastAnswered, Instant lastUseful) {

    /** Copies the address list. */
    public TableEntry {
        addresses = List.copyOf(addresses);
    }
}
