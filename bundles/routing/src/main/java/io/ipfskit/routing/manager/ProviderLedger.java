package io.ipfskit.routing.manager;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.routing.concurrent.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stats of at most {@code maxPeers} providers (the least recently updated are forgotten first) and the ranking
 * they give: peers not backing off first, best score first. Thread-safe.
 */
final class ProviderLedger {

    private final Time time;
    private final int maxPeers;
    /** Insertion order is update order: an update re-inserts its peer. */
    private final LinkedHashMap<PeerId, ProviderStats> peers = new LinkedHashMap<>();

    ProviderLedger(Time time, int maxPeers) {
        if (maxPeers < 1) {
            throw new IllegalArgumentException("maxPeers must be positive");
        }
        this.time = time;
        this.maxPeers = maxPeers;
    }

    synchronized void success(PeerId peer, Duration latency, long bytes) {
        update(peer).success(latency, bytes);
    }

    synchronized void failure(PeerId peer) {
        update(peer).failure(time.nanoTime());
    }

    synchronized void misbehaviour(PeerId peer, String reason) {
        update(peer).misbehaviour(time.nanoTime(), reason);
    }

    /** Whether the peer is backing off now. */
    synchronized boolean backingOff(PeerId peer) {
        ProviderStats stats = peers.get(peer);
        return stats != null && stats.backingOff(time.nanoTime());
    }

    /** The peer's score; an unknown peer's is that of an untried one. */
    synchronized double score(PeerId peer) {
        ProviderStats stats = peers.get(peer);
        return (stats == null ? new ProviderStats() : stats).score();
    }

    /** The peers, those not backing off first, then by score, best first (stable for equal scores). */
    synchronized List<PeerId> rank(Collection<PeerId> candidates) {
        long now = time.nanoTime();
        ProviderStats untried = new ProviderStats();
        record Ranked(PeerId peer, boolean backingOff, double score) {
        }
        List<Ranked> ranked = new ArrayList<>(candidates.size());
        for (PeerId peer : candidates) {
            ProviderStats stats = peers.getOrDefault(peer, untried);
            ranked.add(new Ranked(peer, stats.backingOff(now), stats.score()));
        }
        ranked.sort(Comparator.comparing(Ranked::backingOff).thenComparing(Ranked::score, Comparator.reverseOrder()));
        return ranked.stream().map(Ranked::peer).toList();
    }

    synchronized int size() {
        return peers.size();
    }

    /** The stats of the best {@code max} peers, best first, each with its peer id under {@code peer}. */
    synchronized List<Map<String, Object>> report(int max) {
        long now = time.nanoTime();
        List<Map<String, Object>> out = new ArrayList<>();
        for (PeerId peer : rank(peers.keySet())) {
            if (out.size() == max) {
                break;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("peer", peer.toBase58());
            entry.putAll(peers.get(peer).report(now));
            out.add(entry);
        }
        return out;
    }

    private ProviderStats update(PeerId peer) {
        ProviderStats stats = peers.remove(peer);
        if (stats == null) {
            stats = new ProviderStats();
            if (peers.size() >= maxPeers) {
                peers.remove(peers.keySet().iterator().next());
            }
        }
        peers.put(peer, stats);
        return stats;
    }
}
