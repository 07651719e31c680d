package io.ipfskit.cluster;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.cluster.wire.ClusterPin;
import io.ipfskit.multiformats.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where a pin's replicas go: the allocations that are still live workers stay; the missing ones go to the live workers
 * without a replica of it, best first by {@code free / (1 + load + pins already placed there)} (so free space
 * counts most, a busy or loaded worker less), ties by peer id. An allocation on a silent worker moves only when another
 * worker can take it, else it stays (a worker late with its heartbeats, with nowhere else to go, is not made to unpin
 * and pin again). Masters (the master's own copy does not count) and leechers never take placements. Fewer candidates
 * than wanted leave the pin under-replicated until more join.
 */
final class Placement {

    private Placement() {
    }

    /** The pin's allocations after keeping the live ones and filling up to its replication. */
    static List<PeerId> place(ClusterPin pin, List<PeerTable.Member> live, Predicate<PeerId> liveWorker,
            Map<PeerId, Integer> placedCounts) {
        List<PeerId> kept = new ArrayList<>(pin.allocations().stream().filter(liveWorker).toList());
        if (kept.size() > pin.replication()) {
            return List.copyOf(kept.subList(0, pin.replication()));
        }
        List<PeerTable.Member> candidates = live.stream()
                .filter(m -> m.heartbeat().role() == NodeRole.WORKER && !kept.contains(m.peer()))
                .sorted(Comparator.comparingDouble((PeerTable.Member m) -> -score(m, placedCounts))
                        .thenComparing(m -> m.peer().toBase58()))
                .toList();
        for (PeerTable.Member candidate : candidates) {
            if (kept.size() >= pin.replication()) {
                break;
            }
            kept.add(candidate.peer());
        }
        for (PeerId silent : pin.allocations()) {
            if (kept.size() >= pin.replication()) {
                break;
            }
            if (!kept.contains(silent)) {
                kept.add(silent);
            }
        }
        return List.copyOf(kept);
    }

    /** Free bytes discounted by the worker's load and the pins already placed on it. */
    static double score(PeerTable.Member member, Map<PeerId, Integer> placedCounts) {
        double busy = member.heartbeat().load() + placedCounts.getOrDefault(member.peer(), 0);
        return member.heartbeat().free() / (1 + busy);
    }
}
