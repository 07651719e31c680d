package io.ipfskit.dht.kad.wire;

import java.util.List;

/**
 * A kad-dht {@code Message}: its type, the raw cluster level (unused, echoed), the key (empty when absent), the record
 * (null when absent), the closer peers and the provider peers. Arrays are shared, not copied: treat them as read-only.
 */
public record KadMessage(MessageType type, int clusterLevelRaw, byte[] key, WireRecord record, List<WirePeer> closerPeers,
        List<WirePeer> providerPeers) {

    private static final byte[] NONE = new byte[0];

    /** Copies the lists; a null key reads as empty. */
    public KadMessage {
        key = key == null ? NONE : key;
        closerPeers = List.copyOf(closerPeers);
        providerPeers = List.copyOf(providerPeers);
    }

    /** A request of a type about a key. */
    public static KadMessage request(MessageType type, byte[] key) {
        return new KadMessage(type, 0, key, null, List.of(), List.of());
    }

    /** An answer to this message: the same type, cluster level and key, with these peers and record. */
    public KadMessage answer(WireRecord value, List<WirePeer> closer, List<WirePeer> providers) {
        return new KadMessage(type, clusterLevelRaw, key, value, closer, providers);
    }

    /** This message without closer or provider peers (PING and PUT_VALUE echo their request this way, as go does). */
    public KadMessage withoutPeers() {
        return new KadMessage(type, clusterLevelRaw, key, record, List.of(), List.of());
    }
}
