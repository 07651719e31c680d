package io.ipfskit.protocol.pubsub.router;

import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.api.pubsub.TopicValidator;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import io.ipfskit.protocol.pubsub.wire.Rpc;
import io.ipfskit.protocol.pubsub.wire.RpcCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * GossipSub v1.1 (with v1.0 and floodsub peers) as one state machine, free of I/O: the caller hands it peers, RPCs and
 * heartbeats, and it answers through its {@link Port}. StrictSign, message id from ‖ seqno, flood publish, meshes kept
 * between D_lo and D_hi, gossip by IHAVE/IWANT, GRAFT/PRUNE with peer exchange and backoff, peer scoring. Everything a
 * peer sends is bounded per RPC (by the codec) and per heartbeat (IHAVEs, asked ids). Not thread-safe: one thread (or
 * one lock) at a time.
 */
public final class GossipRouter {

    /** What the router does to the world. */
    public interface Port {
        /** Queues the RPC to the peer; false when the peer's queue is full and it was dropped. */
        boolean send(PeerId peer, Rpc rpc);

        /** Dials a peer learned by peer exchange (if its addresses are known). */
        void dial(PeerId peer);

        /** Hands a valid message of a topic we are subscribed to to our subscribers. */
        void deliver(PubSubMessage message);
    }

    /** Counters, for tests and stats. */
    public record Counters(long received, long delivered, long duplicates, long invalidSignatures, long rejected,
            long ignored, long dropped, long malformed) {
    }

    private final GossipParams params;
    private final ScoreParams scoreParams;
    private final PeerId self;
    private final PublicKey key;
    private final UnaryOperator<byte[]> signer;
    private final Port port;
    private final LongSupplier clock;
    private final Random random;
    private final PeerScore score;
    private final MessageCache cache;
    private final SeenCache seen;
    private final Map<PeerId, PeerProtocol> peers = new HashMap<>();
    private final Set<PeerId> outbound = new HashSet<>();
    private final Map<PeerId, Set<String>> peerTopics = new HashMap<>();
    private final Map<String, Set<PeerId>> topicPeers = new HashMap<>();
    private final Set<String> joined = new LinkedHashSet<>();
    private final Map<String, Set<PeerId>> mesh = new HashMap<>();
    private final Map<String, Set<PeerId>> fanout = new HashMap<>();
    private final Map<String, Long> lastPublished = new HashMap<>();
    private final Map<String, Map<PeerId, Long>> backoff = new HashMap<>();
    private final Map<PeerId, Integer> ihavesThisBeat = new HashMap<>();
    private final Map<PeerId, Integer> askedThisBeat = new HashMap<>();
    private final Map<String, Map<PeerId, Long>> promises = new HashMap<>();
    private final Map<String, List<TopicValidator>> validators = new HashMap<>();
    private long nextSeqno;
    private long heartbeats;
    private long received;
    private long delivered;
    private long duplicates;
    private long invalidSignatures;
    private long rejected;
    private long ignored;
    private long dropped;
    private long malformed;

    /**
     * A router for {@code self} signing with {@code signer} (our private key); {@code clock} gives nanoseconds
     * (monotonic), {@code firstSeqno} the first sequence number (the wall clock in ns, so seqnos increase across restarts).
     */
    public GossipRouter(GossipParams params, ScoreParams scoreParams, PeerId self, PublicKey key,
            UnaryOperator<byte[]> signer, Port port, LongSupplier clock, Random random, long firstSeqno) {
        this.params = params;
        this.scoreParams = scoreParams;
        this.self = self;
        this.key = key;
        this.signer = signer;
        this.port = port;
        this.clock = clock;
        this.random = random;
        this.nextSeqno = firstSeqno;
        this.score = new PeerScore(scoreParams, joined::contains);
        this.cache = new MessageCache(params.historyGossip(), params.historyLength(), params.gossipRetransmission());
        this.seen = new SeenCache(params.seenTtl().toNanos(), params.maxSeen());
    }

    // ---- the node's side

    /** Subscribes: announces the topic to every peer and builds its mesh (from the fanout first). */
    public void join(String topic) {
        if (!joined.add(topic)) {
            return;
        }
        broadcast(new Rpc(List.of(new Rpc.Subscription(true, topic)), List.of(), Rpc.Control.EMPTY));
        Set<PeerId> members = new LinkedHashSet<>();
        Set<PeerId> fan = fanout.remove(topic);
        lastPublished.remove(topic);
        if (fan != null) {
            fan.stream().filter(p -> meshable(p, topic)).limit(params.d()).forEach(members::add);
        }
        if (members.size() < params.d()) {
            shuffled(candidates(topic, members)).stream().limit(params.d() - members.size()).forEach(members::add);
        }
        mesh.put(topic, members);
        long now = clock.getAsLong();
        for (PeerId p : members) {
            score.grafted(p, topic, now);
            send(p, control(List.of(), List.of(topic), List.of()));
        }
    }

    /** Unsubscribes: announces it, and prunes the topic's mesh with the unsubscribe backoff. */
    public void leave(String topic) {
        if (!joined.remove(topic)) {
            return;
        }
        broadcast(new Rpc(List.of(new Rpc.Subscription(false, topic)), List.of(), Rpc.Control.EMPTY));
        Set<PeerId> members = mesh.remove(topic);
        if (members != null) {
            for (PeerId p : members) {
                score.pruned(p, topic);
                addBackoff(p, topic, params.unsubscribeBackoff().toNanos());
                send(p, control(List.of(), List.of(), List.of(prune(p, topic, params.unsubscribeBackoff().toSeconds()))));
            }
        }
    }

    /** Publishes our signed message; IllegalArgumentException when too large, IllegalStateException when not valid. */
    public void publish(String topic, byte[] data) {
        byte[] seqno = ByteBuffer.allocate(8).putLong(nextSeqno++).array();
        Rpc.Message message = Signing.sign(new Rpc.Message(self.bytes(), data, seqno, List.of(topic), null, null), self,
                key, signer);
        if (RpcCodec.encode(Rpc.of(List.of(message))).length > params.maxMessageSize()) {
            throw new IllegalArgumentException("message larger than " + params.maxMessageSize() + " bytes");
        }
        TopicValidator.Result result = validate(message);
        if (result != TopicValidator.Result.ACCEPT) {
            throw new IllegalStateException("validation " + result.name().toLowerCase() + "ed the message");
        }
        String id = id(message);
        List<String> aliases = aliases(message);
        seen.add(id, clock.getAsLong());
        aliases.forEach(a -> seen.add(a, clock.getAsLong()));
        cache.put(id, aliases, message);
        if (joined.contains(topic)) {
            delivered++;
            port.deliver(toApi(message, self));
        } else {
            lastPublished.put(topic, clock.getAsLong());
            fanout.computeIfAbsent(topic, t -> new LinkedHashSet<>(shuffled(fanoutCandidates(t, Set.of()))
                    .stream().limit(params.d()).toList()));
        }
        Rpc rpc = Rpc.of(List.of(message));
        for (PeerId p : topicPeers.getOrDefault(topic, Set.of())) {
            if (score(p) >= scoreParams.publishThreshold()) {
                send(p, rpc);
            }
        }
    }

    /** Adds a validator for the topic. */
    public void addValidator(String topic, TopicValidator validator) {
        validators.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(validator);
    }

    /** Removes a validator. */
    public void removeValidator(String topic, TopicValidator validator) {
        List<TopicValidator> list = validators.get(topic);
        if (list != null && list.remove(validator) && list.isEmpty()) {
            validators.remove(topic);
        }
    }

    /** The topics we are subscribed to. */
    public Set<String> topics() {
        return Set.copyOf(joined);
    }

    /** The pubsub peers subscribed to the topic, or every pubsub peer when topic is null. */
    public Set<PeerId> peers(String topic) {
        return Set.copyOf(topic == null ? peers.keySet() : topicPeers.getOrDefault(topic, Set.of()));
    }

    /** Our mesh of the topic (empty when not subscribed). */
    public Set<PeerId> mesh(String topic) {
        return Set.copyOf(mesh.getOrDefault(topic, Set.of()));
    }

    /** The peer's score now. */
    public double score(PeerId peer) {
        return score.score(peer, clock.getAsLong());
    }

    /** The counters. */
    public Counters counters() {
        return new Counters(received, delivered, duplicates, invalidSignatures, rejected, ignored, dropped, malformed);
    }

    // ---- the network's side

    /** A peer opened pubsub with us (our stream to it is up): it gets our subscriptions. */
    public void addPeer(PeerId peer, PeerProtocol protocol, boolean dialledByUs, String ip) {
        if (peers.put(peer, protocol) != null) {
            return;
        }
        if (dialledByUs) {
            outbound.add(peer);
        }
        score.connected(peer, ip);
        if (!joined.isEmpty()) {
            send(peer, new Rpc(joined.stream().map(t -> new Rpc.Subscription(true, t)).toList(), List.of(),
                    Rpc.Control.EMPTY));
        }
    }

    /** The peer is gone: it leaves every topic and mesh; its score stays for a while. */
    public void removePeer(PeerId peer) {
        peers.remove(peer);
        outbound.remove(peer);
        for (String topic : peerTopics.getOrDefault(peer, Set.of())) {
            removeFromTopic(peer, topic);
        }
        peerTopics.remove(peer);
        fanout.values().forEach(s -> s.remove(peer));
        ihavesThisBeat.remove(peer);
        askedThisBeat.remove(peer);
        score.disconnected(peer, clock.getAsLong());
    }

    /** The peer sent bytes that are not an RPC: a behaviour penalty. */
    public void malformed(PeerId peer) {
        malformed++;
        score.penalise(peer, 1);
    }

    /**
     * Handles one RPC from a connected peer (ignored while the peer is graylisted). As go, subscriptions and messages
     * count before our own stream to the peer is up (its first RPC may beat our stream); control messages only after.
     * Its score counts from then on, until {@link #removePeer}.
     */
    public void handle(PeerId from, Rpc rpc) {
        PeerProtocol protocol = peers.get(from);
        if (protocol == null) {
            score.connected(from, null);
        }
        if (score(from) < scoreParams.graylistThreshold()) {
            return;
        }
        for (Rpc.Subscription s : rpc.subscriptions()) {
            subscription(from, s);
        }
        long now = clock.getAsLong();
        for (Rpc.Message m : rpc.publish()) {
            message(from, m, now);
        }
        if (protocol != null && protocol.gossip() && !rpc.control().isEmpty()) {
            control(from, rpc.control(), now);
        }
    }

    private void subscription(PeerId peer, Rpc.Subscription s) {
        Set<String> topics = peerTopics.computeIfAbsent(peer, p -> new HashSet<>());
        if (s.subscribe()) {
            if (topics.size() >= RpcCodec.MAX_SUBSCRIPTIONS && !topics.contains(s.topic())) {
                score.penalise(peer, 1);
                return;
            }
            topics.add(s.topic());
            topicPeers.computeIfAbsent(s.topic(), t -> new LinkedHashSet<>()).add(peer);
        } else if (topics.remove(s.topic())) {
            removeFromTopic(peer, s.topic());
        }
    }

    private void removeFromTopic(PeerId peer, String topic) {
        Set<PeerId> members = topicPeers.get(topic);
        if (members != null && members.remove(peer) && members.isEmpty()) {
            topicPeers.remove(topic);
        }
        Set<PeerId> meshed = mesh.get(topic);
        if (meshed != null && meshed.remove(peer)) {
            score.pruned(peer, topic);
        }
        Set<PeerId> fan = fanout.get(topic);
        if (fan != null) {
            fan.remove(peer);
        }
    }

    private void message(PeerId sender, Rpc.Message m, long now) {
        received++;
        if (m.topics().isEmpty()) {
            score.penalise(sender, 1);
            return;
        }
        Optional<PeerId> origin = Signing.verify(m);
        if (origin.isEmpty()) {
            invalidSignatures++;
            m.topics().forEach(t -> score.invalid(sender, t));
            return;
        }
        String id = id(m);
        List<String> aliases = aliases(m);
        promises.remove(id);
        aliases.forEach(promises::remove);
        if (!seen.add(id, now)) {
            duplicates++;
            return;
        }
        aliases.forEach(a -> seen.add(a, now));
        if (origin.get().equals(self)) {
            return;
        }
        TopicValidator.Result result = validate(m);
        if (result == TopicValidator.Result.REJECT) {
            rejected++;
            m.topics().forEach(t -> score.invalid(sender, t));
            return;
        }
        if (result == TopicValidator.Result.IGNORE) {
            ignored++;
            return;
        }
        m.topics().forEach(t -> score.firstDelivery(sender, t));
        cache.put(id, aliases, m);
        if (m.topics().stream().anyMatch(joined::contains)) {
            delivered++;
            port.deliver(toApi(m, origin.get()));
        }
        forward(m, sender, origin.get());
    }

    private void forward(Rpc.Message m, PeerId sender, PeerId origin) {
        Set<PeerId> targets = new LinkedHashSet<>();
        for (String topic : m.topics()) {
            for (PeerId p : topicPeers.getOrDefault(topic, Set.of())) {
                if (peers.get(p) == PeerProtocol.FLOODSUB && score(p) >= scoreParams.publishThreshold()) {
                    targets.add(p);
                }
            }
            Set<PeerId> gossipPeers = mesh.containsKey(topic) ? mesh.get(topic) : fanout.get(topic);
            if (gossipPeers != null) {
                targets.addAll(gossipPeers);
            }
        }
        targets.remove(sender);
        targets.remove(origin);
        Rpc rpc = Rpc.of(List.of(m));
        targets.forEach(p -> send(p, rpc));
    }

    private void control(PeerId from, Rpc.Control c, long now) {
        List<String> wanted = new ArrayList<>();
        for (Rpc.IHave ihave : c.ihave()) {
            wanted.addAll(ihave(from, ihave));
        }
        List<Rpc.Message> asked = new ArrayList<>();
        if (score(from) >= scoreParams.gossipThreshold()) {
            for (Rpc.IWant iwant : c.iwant()) {
                for (String id : iwant.messageIds()) {
                    cache.getForPeer(id, from).ifPresent(asked::add);
                }
            }
        }
        List<Rpc.Prune> prunes = new ArrayList<>();
        for (String topic : c.graft()) {
            graft(from, topic, now).ifPresent(prunes::add);
        }
        for (Rpc.Prune prune : c.prune()) {
            pruned(from, prune, now);
        }
        List<Rpc.IWant> iwant = wanted.isEmpty() ? List.of() : List.of(new Rpc.IWant(wanted));
        if (!wanted.isEmpty()) {
            String promised = wanted.get(random.nextInt(wanted.size()));
            promises.computeIfAbsent(promised, x -> new HashMap<>())
                    .putIfAbsent(from, now + params.iwantFollowup().toNanos());
        }
        Rpc.Control reply = new Rpc.Control(List.of(), iwant, List.of(), prunes);
        if (!asked.isEmpty() || !reply.isEmpty()) {
            send(from, new Rpc(List.of(), asked, reply));
        }
    }

    /** The ids of the IHAVE to ask for, within the peer's budget for this heartbeat. */
    private List<String> ihave(PeerId from, Rpc.IHave ihave) {
        if (score(from) < scoreParams.gossipThreshold() || !mesh.containsKey(ihave.topic())
                || ihavesThisBeat.merge(from, 1, Integer::sum) > params.maxIHaveMessages()) {
            return List.of();
        }
        int budget = params.maxIHaveLength() - askedThisBeat.getOrDefault(from, 0);
        List<String> ids = new ArrayList<>();
        for (String id : ihave.messageIds()) {
            if (!seen.contains(id) && !promises.containsKey(id)) {
                ids.add(id);
            }
        }
        Collections.shuffle(ids, random);
        List<String> take = ids.subList(0, Math.max(0, Math.min(budget, ids.size())));
        askedThisBeat.merge(from, take.size(), Integer::sum);
        return new ArrayList<>(take);
    }

    /** Takes the peer into our mesh of the topic, or answers with a PRUNE. */
    private Optional<Rpc.Prune> graft(PeerId peer, String topic, long now) {
        Set<PeerId> members = mesh.get(topic);
        if (members == null || members.contains(peer)) {
            return Optional.empty();
        }
        Long until = backoff.getOrDefault(topic, Map.of()).get(peer);
        if (until != null && until > now) {
            score.penalise(peer, 1);
            if (now < until - params.pruneBackoff().toNanos() + params.graftFloodThreshold().toNanos()) {
                score.penalise(peer, 1);
            }
            addBackoff(peer, topic, params.pruneBackoff().toNanos());
            return Optional.of(new Rpc.Prune(topic, List.of(), backoffSeconds(peer)));
        }
        if (score(peer) < 0 || members.size() >= params.dHi() && !outbound.contains(peer)) {
            addBackoff(peer, topic, params.pruneBackoff().toNanos());
            return Optional.of(score(peer) < 0 ? new Rpc.Prune(topic, List.of(), backoffSeconds(peer))
                    : prune(peer, topic, params.pruneBackoff().toSeconds()));
        }
        members.add(peer);
        score.grafted(peer, topic, now);
        return Optional.empty();
    }

    private void pruned(PeerId peer, Rpc.Prune prune, long now) {
        Set<PeerId> members = mesh.get(prune.topic());
        if (members == null) {
            return;
        }
        if (members.remove(peer)) {
            score.pruned(peer, prune.topic());
        }
        long seconds = prune.backoffSeconds() > 0 ? Math.min(prune.backoffSeconds(), 3600)
                : params.pruneBackoff().toSeconds();
        addBackoff(peer, prune.topic(), seconds * 1_000_000_000L);
        if (!prune.peers().isEmpty() && score(peer) >= scoreParams.acceptPxThreshold()) {
            prune.peers().stream().limit(params.prunePeers()).forEach(px -> {
                try {
                    PeerId candidate = PeerId.fromBytes(px.peerId());
                    if (!peers.containsKey(candidate) && !candidate.equals(self)) {
                        port.dial(candidate);
                    }
                } catch (IllegalArgumentException unparsable) {
                    score.penalise(peer, 1);
                }
            });
        }
    }

    /** A PRUNE for the peer: with backoff and peer exchange when it speaks v1.1. */
    private Rpc.Prune prune(PeerId peer, String topic, long backoffSeconds) {
        if (peers.get(peer) != PeerProtocol.MESHSUB_11) {
            return new Rpc.Prune(topic, List.of(), 0);
        }
        List<Rpc.PeerExchange> px = shuffled(topicPeers.getOrDefault(topic, Set.of()).stream()
                .filter(p -> !p.equals(peer) && score(p) >= 0).toList()).stream().limit(params.prunePeers())
                .map(p -> new Rpc.PeerExchange(p.bytes(), null)).toList();
        return new Rpc.Prune(topic, px, backoffSeconds);
    }

    private long backoffSeconds(PeerId peer) {
        return peers.get(peer) == PeerProtocol.MESHSUB_11 ? params.pruneBackoff().toSeconds() : 0;
    }

    // ---- the heartbeat

    /** One heartbeat: mesh and fanout upkeep, gossip, broken promises, cache shift, decay, expiry. */
    public void heartbeat() {
        long now = clock.getAsLong();
        heartbeats++;
        ihavesThisBeat.clear();
        askedThisBeat.clear();
        brokenPromises(now);
        Map<PeerId, List<String>> grafts = new LinkedHashMap<>();
        Map<PeerId, List<Rpc.Prune>> prunes = new LinkedHashMap<>();
        for (Map.Entry<String, Set<PeerId>> entry : mesh.entrySet()) {
            keepMesh(entry.getKey(), entry.getValue(), now, grafts, prunes);
        }
        keepFanout(now);
        Map<PeerId, List<Rpc.IHave>> gossip = new LinkedHashMap<>();
        mesh.forEach((topic, members) -> gossip(topic, members, gossip));
        fanout.forEach((topic, members) -> gossip(topic, members, gossip));
        Set<PeerId> to = new LinkedHashSet<>(grafts.keySet());
        to.addAll(prunes.keySet());
        to.addAll(gossip.keySet());
        for (PeerId p : to) {
            send(p, new Rpc(List.of(), List.of(), new Rpc.Control(gossip.getOrDefault(p, List.of()), List.of(),
                    grafts.getOrDefault(p, List.of()), prunes.getOrDefault(p, List.of()))));
        }
        cache.shift();
        score.decay(now);
        seen.expire(now);
        backoff.values().forEach(m -> m.values().removeIf(until -> until <= now));
        backoff.values().removeIf(Map::isEmpty);
    }

    private void keepMesh(String topic, Set<PeerId> members, long now, Map<PeerId, List<String>> grafts,
            Map<PeerId, List<Rpc.Prune>> prunes) {
        for (PeerId p : List.copyOf(members)) {
            if (score(p) < 0) {
                members.remove(p);
                score.pruned(p, topic);
                addBackoff(p, topic, params.pruneBackoff().toNanos());
                prunes.computeIfAbsent(p, x -> new ArrayList<>()).add(new Rpc.Prune(topic, List.of(), backoffSeconds(p)));
            }
        }
        if (members.size() < params.dLo()) {
            for (PeerId p : shuffled(candidates(topic, members)).stream().limit(params.d() - members.size()).toList()) {
                graft(topic, members, p, now, grafts);
            }
        }
        if (members.size() > params.dHi()) {
            List<PeerId> byScore = new ArrayList<>(shuffled(members));
            byScore.sort(Comparator.comparingDouble(p -> -score(p)));
            List<PeerId> keep = new ArrayList<>(byScore.subList(0, params.dScore()));
            List<PeerId> rest = shuffled(byScore.subList(params.dScore(), byScore.size()));
            int outboundKept = (int) keep.stream().filter(outbound::contains).count();
            int outboundWanted = Math.max(0, params.dOut() - outboundKept);
            List<PeerId> others = new ArrayList<>(rest.stream().filter(p -> !outbound.contains(p)).toList());
            List<PeerId> dialled = rest.stream().filter(outbound::contains).toList();
            List<PeerId> chosen = new ArrayList<>(dialled.subList(0, Math.min(outboundWanted, dialled.size())));
            List<PeerId> remaining = new ArrayList<>(dialled.subList(chosen.size(), dialled.size()));
            remaining.addAll(others);
            chosen.addAll(shuffled(remaining).subList(0, params.d() - params.dScore() - chosen.size()));
            keep.addAll(chosen);
            for (PeerId p : byScore) {
                if (!keep.contains(p)) {
                    members.remove(p);
                    score.pruned(p, topic);
                    addBackoff(p, topic, params.pruneBackoff().toNanos());
                    prunes.computeIfAbsent(p, x -> new ArrayList<>())
                            .add(prune(p, topic, params.pruneBackoff().toSeconds()));
                }
            }
        }
        keepOutboundQuota(topic, members, now, grafts);
        if (heartbeats % params.opportunisticGraftTicks() == 0) {
            graftOpportunistically(topic, members, now, grafts);
        }
    }

    /** Adds the peer to our mesh of the topic and queues its GRAFT. */
    private void graft(String topic, Set<PeerId> members, PeerId p, long now, Map<PeerId, List<String>> grafts) {
        members.add(p);
        score.grafted(p, topic, now);
        grafts.computeIfAbsent(p, x -> new ArrayList<>()).add(topic);
    }

    /**
     * v1.1's opportunistic grafting: when the median score of the mesh is below the threshold (its peers deliver
     * little, as an attacker's would), up to a few candidates scoring above that median join it.
     */
    private void graftOpportunistically(String topic, Set<PeerId> members, long now, Map<PeerId, List<String>> grafts) {
        if (members.size() < 2) {
            return;
        }
        double[] scores = members.stream().mapToDouble(this::score).sorted().toArray();
        double median = scores[scores.length / 2];
        if (median >= scoreParams.opportunisticGraftThreshold()) {
            return;
        }
        List<PeerId> better = candidates(topic, members).stream().filter(p -> score(p) > median).toList();
        for (PeerId p : shuffled(better).stream().limit(params.opportunisticGraftPeers()).toList()) {
            graft(topic, members, p, now, grafts);
        }
    }

    /** A mesh of at least D_lo with fewer than D_out peers we dialled grafts dialled ones (against eclipses). */
    private void keepOutboundQuota(String topic, Set<PeerId> members, long now, Map<PeerId, List<String>> grafts) {
        long dialled = members.stream().filter(outbound::contains).count();
        if (members.size() < params.dLo() || dialled >= params.dOut()) {
            return;
        }
        List<PeerId> candidates = candidates(topic, members).stream().filter(outbound::contains).toList();
        for (PeerId p : shuffled(candidates).stream().limit(params.dOut() - dialled).toList()) {
            graft(topic, members, p, now, grafts);
        }
    }

    private void keepFanout(long now) {
        lastPublished.entrySet().removeIf(e -> {
            boolean expired = now - e.getValue() > params.fanoutTtl().toNanos();
            if (expired) {
                fanout.remove(e.getKey());
            }
            return expired;
        });
        fanout.forEach((topic, members) -> {
            members.removeIf(p -> !topicPeers.getOrDefault(topic, Set.of()).contains(p)
                    || score(p) < scoreParams.publishThreshold());
            if (members.size() < params.d()) {
                shuffled(fanoutCandidates(topic, members)).stream().limit(params.d() - members.size())
                        .forEach(members::add);
            }
        });
    }

    private void gossip(String topic, Set<PeerId> members, Map<PeerId, List<Rpc.IHave>> gossip) {
        List<String> ids = cache.gossipIds(topic);
        if (ids.isEmpty()) {
            return;
        }
        List<PeerId> eligible = topicPeers.getOrDefault(topic, Set.of()).stream()
                .filter(p -> !members.contains(p) && gossipPeer(p)
                        && score(p) >= scoreParams.gossipThreshold())
                .toList();
        int count = Math.max(params.dLazy(), (int) (params.gossipFactor() * eligible.size()));
        List<String> sent = ids.size() > params.maxIHaveLength() ? shuffled(ids).subList(0, params.maxIHaveLength())
                : ids;
        for (PeerId p : shuffled(eligible).stream().limit(count).toList()) {
            gossip.computeIfAbsent(p, x -> new ArrayList<>()).add(new Rpc.IHave(topic, sent));
        }
    }

    private void brokenPromises(long now) {
        promises.values().removeIf(byPeer -> {
            byPeer.entrySet().removeIf(e -> {
                boolean broken = e.getValue() <= now;
                if (broken) {
                    score.penalise(e.getKey(), 1);
                }
                return broken;
            });
            return byPeer.isEmpty();
        });
    }

    // ---- helpers

    private List<PeerId> candidates(String topic, Set<PeerId> exclude) {
        return topicPeers.getOrDefault(topic, Set.of()).stream()
                .filter(p -> !exclude.contains(p) && meshable(p, topic)).toList();
    }

    private boolean gossipPeer(PeerId p) {
        PeerProtocol protocol = peers.get(p);
        return protocol != null && protocol.gossip();
    }

    private boolean meshable(PeerId p, String topic) {
        Long until = backoff.getOrDefault(topic, Map.of()).get(p);
        return gossipPeer(p) && topicPeers.getOrDefault(topic, Set.of()).contains(p)
                && (until == null || until <= clock.getAsLong()) && score(p) >= 0;
    }

    private List<PeerId> fanoutCandidates(String topic, Set<PeerId> exclude) {
        return topicPeers.getOrDefault(topic, Set.of()).stream().filter(p -> !exclude.contains(p)
                && gossipPeer(p) && score(p) >= scoreParams.publishThreshold()).toList();
    }

    private void addBackoff(PeerId peer, String topic, long nanos) {
        long until = clock.getAsLong() + nanos;
        backoff.computeIfAbsent(topic, t -> new HashMap<>()).merge(peer, until, Math::max);
    }

    private TopicValidator.Result validate(Rpc.Message m) {
        TopicValidator.Result worst = TopicValidator.Result.ACCEPT;
        PubSubMessage message = null;
        for (String topic : m.topics()) {
            for (TopicValidator v : validators.getOrDefault(topic, List.of())) {
                if (message == null) {
                    message = toApi(m, PeerId.fromBytes(m.from()));
                }
                TopicValidator.Result r;
                try {
                    r = v.validate(message);
                } catch (RuntimeException e) {
                    r = TopicValidator.Result.REJECT;
                }
                if (r == TopicValidator.Result.REJECT) {
                    return r;
                }
                if (r == TopicValidator.Result.IGNORE) {
                    worst = r;
                }
            }
        }
        return worst;
    }

    private void broadcast(Rpc rpc) {
        List.copyOf(peers.keySet()).forEach(p -> send(p, rpc));
    }

    private void send(PeerId peer, Rpc rpc) {
        PeerProtocol protocol = peers.get(peer);
        if (protocol == null) {
            return;
        }
        if (!protocol.gossip() && !rpc.control().isEmpty()) {
            rpc = new Rpc(rpc.subscriptions(), rpc.publish(), Rpc.Control.EMPTY);
            if (rpc.isEmpty()) {
                return;
            }
        }
        if (!port.send(peer, rpc)) {
            dropped++;
            score.penalise(peer, 1);
        }
    }

    private static Rpc.Control control(List<Rpc.IHave> ihave, List<String> graft, List<Rpc.Prune> prune) {
        return new Rpc.Control(ihave, List.of(), graft, prune);
    }

    private void send(PeerId peer, Rpc.Control control) {
        send(peer, new Rpc(List.of(), List.of(), control));
    }

    private <T> List<T> shuffled(java.util.Collection<T> items) {
        List<T> list = new ArrayList<>(items);
        Collections.shuffle(list, random);
        return list;
    }

    /** The message id: from ‖ seqno (go-libp2p-pubsub's default), one char per byte. */
    static String id(Rpc.Message m) {
        byte[] from = m.from() == null ? new byte[0] : m.from();
        byte[] seqno = m.seqno() == null ? new byte[0] : m.seqno();
        byte[] id = new byte[from.length + seqno.length];
        System.arraycopy(from, 0, id, 0, from.length);
        System.arraycopy(seqno, 0, id, from.length, seqno.length);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /**
     * The message's other id in mixed networks: js-libp2p's gossipsub (14.x) names a signed message protobuf(public
     * key) ‖ seqno, so its IHAVEs and IWANTs use that; we remember, serve and settle promises under both.
     */
    static List<String> aliases(Rpc.Message m) {
        if (m.from() == null || m.seqno() == null) {
            return List.of();
        }
        byte[] key = m.key();
        if (key == null) {
            try {
                key = PeerId.fromBytes(m.from()).extractPublicKey().map(PublicKey::marshal).orElse(null);
            } catch (IllegalArgumentException unparsable) {
                return List.of();
            }
        }
        if (key == null) {
            return List.of();
        }
        byte[] id = new byte[key.length + m.seqno().length];
        System.arraycopy(key, 0, id, 0, key.length);
        System.arraycopy(m.seqno(), 0, id, key.length, m.seqno().length);
        return List.of(new String(id, StandardCharsets.ISO_8859_1));
    }

    private static PubSubMessage toApi(Rpc.Message m, PeerId from) {
        return new PubSubMessage(from, m.data() == null ? new byte[0] : m.data(), m.seqno(), m.topics(),
                m.signature(), m.key());
    }
}
