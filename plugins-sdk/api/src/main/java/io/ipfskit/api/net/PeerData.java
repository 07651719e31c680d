package io.ipfskit.api.net;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.keys.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** What the peerstore knows of one peer; absent values are null (key, agent, latency) or empty. */
public record PeerData(List<Multiaddr> addresses, Set<String> protocols, PublicKey publicKey, String agentVersion,
        String protocolVersion, Duration latency) {

    /** Nothing known yet. */
    public static final PeerData EMPTY = new PeerData(List.of(), Set.of(), null, null, null, null);

    /** Copies the collections so the record stays immutable. */
    public PeerData {
        addresses = List.copyOf(addresses);
        protocols = Set.copyOf(protocols);
    }

    /** A copy with these addresses. */
    public PeerData withAddresses(List<Multiaddr> value) {
        return new PeerData(value, protocols, publicKey, agentVersion, protocolVersion, latency);
    }

    /** A copy with these protocols. */
    public PeerData withProtocols(Set<String> value) {
        return new PeerData(addresses, value, publicKey, agentVersion, protocolVersion, latency);
    }

    /** A copy with this key and these versions (from identify). */
    public PeerData withIdentity(PublicKey key, String agent, String protocol) {
        return new PeerData(addresses, protocols, key, agent, protocol, latency);
    }

    /** A copy with this latency. */
    public PeerData withLatency(Duration value) {
        return new PeerData(addresses, protocols, publicKey, agentVersion, protocolVersion, value);
    }
}
