package io.ipfskit.cluster.commands;

import io.ipfskit.cluster.ClusterService;
import io.ipfskit.cluster.PeerView;
import io.ipfskit.cluster.PinView;
import io.ipfskit.cluster.wire.ClusterPin;
import io.ipfskit.cluster.wire.PinStatus;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.StringJoiner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo {@code ipfs:cluster peers | status CID | pin add CID [REPLICATION] | pin rm CID}, as text. */
@Component(service = ClusterGogoCommand.class, property = {"osgi.command.scope=ipfs", "osgi.command.function=cluster"})
public final class ClusterGogoCommand {

    private static final String USAGE = "usage: cluster peers | status CID | pin add CID [REPLICATION] | pin rm CID";

    private final ClusterService cluster;

    /** Over the node's cluster. */
    @Activate
    public ClusterGogoCommand(@Reference ClusterService cluster) {
        this.cluster = cluster;
    }

    /** {@code cluster peers}: one line per member: peer id, role, free bytes, load, and (leader) (self). */
    public String cluster(String what) {
        if (!"peers".equals(what)) {
            throw new IllegalArgumentException(USAGE);
        }
        StringJoiner out = new StringJoiner("\n");
        for (PeerView peer : cluster.members()) {
            out.add(peer.peer().toBase58() + " " + peer.role().id() + " free=" + peer.free() + " load="
                    + String.format(java.util.Locale.ROOT, "%.2f", peer.load()) + (peer.leader() ? " (leader)" : "")
                    + (peer.self() ? " (self)" : ""));
        }
        return out.toString();
    }

    /** {@code cluster status CID}: one line per replica: peer id, status, error. */
    public String cluster(String what, String cid) {
        if ("status".equals(what)) {
            PinView view = cluster.status(Cid.parse(cid))
                    .orElseThrow(() -> new NoSuchElementException(cid + " is not pinned in the cluster"));
            StringJoiner out = new StringJoiner("\n");
            for (Map.Entry<PeerId, PinStatus> replica : view.peerMap().entrySet()) {
                PinStatus status = replica.getValue();
                out.add(replica.getKey().toBase58() + " " + status.status().id()
                        + (status.error().isEmpty() ? "" : " " + status.error()));
            }
            return out.toString();
        }
        throw new IllegalArgumentException(USAGE);
    }

    /** {@code cluster pin add CID} (the configured replication) or {@code cluster pin rm CID}. */
    public String cluster(String what, String action, String cid) {
        if (!"pin".equals(what)) {
            throw new IllegalArgumentException(USAGE);
        }
        return switch (action) {
            case "add" -> describe("pinned", cluster.add(Cid.parse(cid), 0));
            case "rm" -> describe("unpinned", cluster.remove(Cid.parse(cid)));
            default -> throw new IllegalArgumentException(USAGE);
        };
    }

    /** {@code cluster pin add CID REPLICATION}. */
    public String cluster(String what, String action, String cid, int replication) {
        if (!"pin".equals(what) || !"add".equals(action) || replication < 1) {
            throw new IllegalArgumentException(USAGE);
        }
        return describe("pinned", cluster.add(Cid.parse(cid), replication));
    }

    private static String describe(String done, ClusterPin pin) {
        return done + " " + pin.cid() + (pin.allocations().isEmpty() ? ""
                : " on " + String.join(", ", pin.allocations().stream().map(PeerId::toBase58).toList()));
    }
}
