package io.ipfskit.cluster.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.cluster.PeerView;
import io.ipfskit.cluster.PinView;
import io.ipfskit.cluster.wire.ClusterPin;
import io.ipfskit.cluster.wire.PinStatus;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replies of the cluster commands in ipfs-cluster's REST shapes and field names ({@code cid}, {@code allocations},
 * {@code replication_factor_min|max}, {@code peer_map} of {@code ipfs_peer_id}, {@code status}, {@code timestamp} as
 * RFC 3339, {@code error}), and the CID argument.
 */
final class ClusterJson {

    /** Go's zero time, as ipfs-cluster writes a timestamp never set. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private ClusterJson() {
    }

    /** The {@code arg} CID ({@code /ipfs/} prefix accepted), or a client error. */
    static Cid cid(RpcRequest request) throws RpcException {
        String argument = request.argument(0, "cid");
        String bare = argument.startsWith("/ipfs/") ? argument.substring(6) : argument;
        try {
            return Cid.parse(bare);
        } catch (IllegalArgumentException e) {
            throw RpcException.client("invalid CID \"" + argument + "\": " + e.getMessage());
        }
    }

    /** A pin as ipfs-cluster's {@code Pin}. */
    static Map<String, Object> pin(ClusterPin pin) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cid", pin.cid().toString());
        json.put("replication_factor_min", pin.replication());
        json.put("replication_factor_max", pin.replication());
        json.put("allocations", peers(pin.allocations()));
        return json;
    }

    /** A pin's status as ipfs-cluster's {@code GlobalPinInfo}. */
    static Map<String, Object> status(PinView view) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cid", view.pin().cid().toString());
        json.put("allocations", peers(view.pin().allocations()));
        Map<String, Object> peerMap = new LinkedHashMap<>();
        for (PeerId peer : view.pin().allocations()) {
            PinStatus status = view.peerMap().get(peer);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("ipfs_peer_id", peer.toBase58());
            info.put("status", status.status().id());
            info.put("timestamp", time(status.timestampMs()));
            info.put("error", status.error());
            peerMap.put(peer.toBase58(), info);
        }
        json.put("peer_map", peerMap);
        return json;
    }

    /** A member as ipfs-cluster's {@code ID}, with what its heartbeat said. */
    static Map<String, Object> peer(PeerView view) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", view.peer().toBase58());
        json.put("role", view.role().id());
        json.put("leader", view.leader());
        json.put("self", view.self());
        json.put("capacity", view.capacity());
        json.put("free_space", view.free());
        json.put("load", view.load());
        json.put("last_seen", time(view.lastSeenMs()));
        json.put("error", "");
        return json;
    }

    static String time(long millis) {
        return millis <= 0 ? ZERO_TIME : Instant.ofEpochMilli(millis).toString();
    }

    private static List<String> peers(List<PeerId> peers) {
        return peers.stream().map(PeerId::toBase58).toList();
    }
}
