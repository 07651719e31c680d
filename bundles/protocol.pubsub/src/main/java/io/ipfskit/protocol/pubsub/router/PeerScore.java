package io.ipfskit.protocol.pubsub.router;

import io.ipfskit.multiformats.PeerId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Peer scoring v1.1 (P1 time in mesh, P2 first deliveries, P4 invalid messages per topic; P6 IP colocation; P7
 * behaviour penalties) for the topics we are subscribed to; an invalid message on another topic counts as a behaviour
 * penalty, so what a peer can make us remember is bounded by our own topics. A disconnected peer's counters are kept
 * for {@link ScoreParams#retainScore()}, so reconnecting does not wash a bad score. Not thread-safe: the router's.
 */
final class PeerScore {

    private final ScoreParams params;
    private final Predicate<String> scored;
    private final Map<PeerId, Stats> peers = new HashMap<>();
    private final Map<String, Integer> peersPerIp = new HashMap<>();

    /** Scores topics for which {@code scored} holds. */
    PeerScore(ScoreParams params, Predicate<String> scored) {
        this.params = params;
        this.scored = scored;
    }

    /** Counters of one peer. */
    private static final class Stats {
        final Map<String, TopicStats> topics = new HashMap<>();
        String ip;
        boolean connected;
        long disconnectedAt;
        double behaviourPenalty;
    }

    /** Counters of one peer in one topic. */
    private static final class TopicStats {
        boolean inMesh;
        long graftedAt;
        double firstDeliveries;
        double invalidDeliveries;
    }

    /** A peer connected from the IP (null when unknown; loopback is never counted). */
    void connected(PeerId peer, String ip) {
        Stats s = peers.computeIfAbsent(peer, p -> new Stats());
        s.connected = true;
        if (ip != null && s.ip == null) {
            s.ip = ip;
            peersPerIp.merge(ip, 1, Integer::sum);
        }
    }

    /** The peer disconnected: it leaves every mesh; its counters stay for a while. */
    void disconnected(PeerId peer, long now) {
        Stats s = peers.get(peer);
        if (s == null) {
            return;
        }
        s.connected = false;
        s.disconnectedAt = now;
        s.topics.values().forEach(t -> t.inMesh = false);
        if (s.ip != null) {
            peersPerIp.computeIfPresent(s.ip, (ip, n) -> n > 1 ? n - 1 : null);
            s.ip = null;
        }
    }

    /** The peer joined our mesh of the topic. */
    void grafted(PeerId peer, String topic, long now) {
        TopicStats t = topic(peer, topic);
        if (t != null) {
            t.inMesh = true;
            t.graftedAt = now;
        }
    }

    /** The peer left our mesh of the topic. */
    void pruned(PeerId peer, String topic) {
        TopicStats t = topic(peer, topic);
        if (t != null) {
            t.inMesh = false;
        }
    }

    /** The peer was the first to deliver a valid message of the topic. */
    void firstDelivery(PeerId peer, String topic) {
        TopicStats t = topic(peer, topic);
        if (t != null) {
            t.firstDeliveries = Math.min(params.firstDeliveriesCap(), t.firstDeliveries + 1);
        }
    }

    /** The peer delivered an invalid message (bad signature, rejected) of the topic. */
    void invalid(PeerId peer, String topic) {
        TopicStats t = topic(peer, topic);
        if (t != null) {
            t.invalidDeliveries++;
        } else {
            penalise(peer, 1);
        }
    }

    /** Adds behaviour penalties (a broken promise, a GRAFT in backoff, a full queue, a malformed RPC). */
    void penalise(PeerId peer, double count) {
        peers.computeIfAbsent(peer, p -> new Stats()).behaviourPenalty += count;
    }

    private TopicStats topic(PeerId peer, String topic) {
        if (!scored.test(topic)) {
            return null;
        }
        return peers.computeIfAbsent(peer, p -> new Stats()).topics.computeIfAbsent(topic, x -> new TopicStats());
    }

    /** The peer's score now (0 for a peer never seen). */
    double score(PeerId peer, long now) {
        Stats s = peers.get(peer);
        if (s == null) {
            return 0;
        }
        double score = 0;
        for (TopicStats t : s.topics.values()) {
            double topic = 0;
            if (t.inMesh) {
                double quanta = (double) (now - t.graftedAt) / params.timeInMeshQuantum().toNanos();
                topic += params.timeInMeshWeight() * Math.min(quanta, params.timeInMeshCap());
            }
            topic += params.firstDeliveriesWeight() * t.firstDeliveries;
            topic += params.invalidWeight() * t.invalidDeliveries * t.invalidDeliveries;
            score += params.topicWeight() * topic;
        }
        if (s.ip != null) {
            int surplus = peersPerIp.getOrDefault(s.ip, 0) - params.ipColocationThreshold();
            if (surplus > 0) {
                score += params.ipColocationWeight() * surplus * surplus;
            }
        }
        double excess = s.behaviourPenalty - params.behaviourThreshold();
        if (excess > 0) {
            score += params.behaviourWeight() * excess * excess;
        }
        return score;
    }

    /** One decay interval passed: counters decay, topics we left and peers gone too long are forgotten. */
    void decay(long now) {
        Iterator<Map.Entry<PeerId, Stats>> it = peers.entrySet().iterator();
        while (it.hasNext()) {
            Stats s = it.next().getValue();
            if (!s.connected && now - s.disconnectedAt > params.retainScore().toNanos()) {
                it.remove();
                continue;
            }
            s.behaviourPenalty = decayed(s.behaviourPenalty, params.behaviourDecay());
            s.topics.entrySet().removeIf(e -> !scored.test(e.getKey()));
            for (TopicStats t : s.topics.values()) {
                t.firstDeliveries = decayed(t.firstDeliveries, params.firstDeliveriesDecay());
                t.invalidDeliveries = decayed(t.invalidDeliveries, params.invalidDecay());
            }
        }
    }

    private double decayed(double value, double decay) {
        double next = value * decay;
        return next < params.decayToZero() ? 0 : next;
    }
}
