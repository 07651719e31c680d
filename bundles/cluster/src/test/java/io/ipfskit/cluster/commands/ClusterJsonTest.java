package io.ipfskit.cluster.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.cluster.PinView;
import io.ipfskit.cluster.wire.ClusterPin;
import io.ipfskit.cluster.wire.PinStatus;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RPC replies carry ipfs-cluster's field names and values. */
class ClusterJsonTest {

    @Test
    void statusIsShapedAsIpfsClustersGlobalPinInfo() {
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {1}));
        PeerId pinned = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
        PeerId queued = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
        PinView view = new PinView(new ClusterPin(cid, 2, List.of(pinned, queued)), Map.of(
                pinned, new PinStatus(cid, PinStatus.Status.PINNED, "", 1_700_000_000_000L),
                queued, new PinStatus(cid, PinStatus.Status.QUEUED, "", 0)));
        Map<String, Object> json = ClusterJson.status(view);
        assertEquals(cid.toString(), json.get("cid"));
        assertEquals(List.of(pinned.toBase58(), queued.toBase58()), json.get("allocations"));
        assertEquals(Map.of(
                pinned.toBase58(), Map.of("ipfs_peer_id", pinned.toBase58(), "status", "pinned",
                        "timestamp", "2023-11-14T22:13:20Z", "error", ""),
                queued.toBase58(), Map.of("ipfs_peer_id", queued.toBase58(), "status", "queued",
                        "timestamp", ClusterJson.ZERO_TIME, "error", "")), json.get("peer_map"));
    }

    @Test
    void aPinIsShapedAsIpfsClustersPin() {
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {2}));
        assertEquals(Map.of("cid", cid.toString(), "replication_factor_min", 3, "replication_factor_max", 3,
                "allocations", List.of()), ClusterJson.pin(new ClusterPin(cid, 3, List.of())));
    }
}
