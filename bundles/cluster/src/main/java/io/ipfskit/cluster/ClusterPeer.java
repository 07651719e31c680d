package io.ipfskit.cluster;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.cluster.wire.Body;
import io.ipfskit.cluster.wire.ClusterCodec;
import io.ipfskit.cluster.wire.ClusterMessage;
import io.ipfskit.cluster.wire.ClusterPin;
import io.ipfskit.cluster.wire.Heartbeat;
import io.ipfskit.cluster.wire.HotCid;
import io.ipfskit.cluster.wire.MessageGate;
import io.ipfskit.cluster.wire.PinState;
import io.ipfskit.cluster.wire.PinStatus;
import io.ipfskit.cluster.wire.StatusReport;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One node's part in the cluster, without threads of its own: {@link #tick()} at every heartbeat interval,
 * {@link #receive} for every message on the topic. Every member sends heartbeats. The leading master (the master
 * with the lowest peer id among the live masters) keeps the pin state, places and re-places replicas
 * ({@link Placement}), publishes the state at every tick, records the workers' reports and fetches content hot across
 * the cluster; another master follows it, adopting its state, and refuses pin changes. A worker pins what is placed on
 * it (through {@code work}, one placement at a time) and unpins what is removed or moved away, reporting each change
 * and, at every tick, all of its placements. Every member keeps the leader's state (status answers anywhere); leechers
 * never take placements.
 */
final class ClusterPeer {

    private static final System.Logger LOG = System.getLogger(ClusterPeer.class.getName());
    /** CIDs fetched for being hot, remembered so that each is fetched once. */
    static final int MAX_HOT_FETCHED = 1024;

    private final PeerId self;
    private final NodeRole role;
    private final ClusterSettings settings;
    private final LongSupplier clock;
    private final Sender sender;
    private final LocalNode local;
    private final Executor work;
    private final WorkerPlacements placements;
    private final PinStore store;
    private final MessageGate gate;
    private final PeerTable peers;
    private final Map<Cid, Map<PeerId, PinStatus>> peerMaps = new HashMap<>();
    private final LinkedHashMap<Cid, Boolean> hotFetched = new LinkedHashMap<>();

    /** A member with this identity and role, sending sealed messages to {@code outbox}, on this clock (Unix ms). */
    ClusterPeer(PeerId self, NodeRole role, ClusterSettings settings, LongSupplier clock, Consumer<byte[]> outbox,
            LocalNode local, Executor work, PinStore store) {
        this.self = self;
        this.role = role;
        this.settings = settings;
        this.clock = clock;
        this.sender = new Sender(self, settings.secret(), clock, outbox);
        this.local = local;
        this.work = work;
        this.store = store;
        this.placements = new WorkerPlacements(self, local, work, clock, settings.silenceLimit().toMillis(), sender);
        this.gate = new MessageGate(settings.secret(), settings.trusted(), settings.maxSkew(), clock);
        this.peers = new PeerTable(settings.silenceLimit().toMillis());
    }

    /** Sends our heartbeat; the leader then re-places, publishes its state and fetches hot content; a worker reports. */
    synchronized void tick() {
        long now = clock.getAsLong();
        sender.send(heartbeat());
        if (leading(now)) {
            replace(now);
            List<ClusterPin> all = store.all();
            for (int from = 0; from < all.size(); from += ClusterCodec.MAX_PINS) {
                sender.send(new PinState(all.subList(from, Math.min(all.size(), from + ClusterCodec.MAX_PINS))));
            }
            fetchHot(now);
        }
        if (role == NodeRole.WORKER) {
            placements.report();
        }
    }

    /** Takes a message heard on the topic; one that the gate drops, or our own, changes nothing. */
    synchronized void receive(PubSubMessage message) {
        if (self.equals(message.from())) {
            return;
        }
        Optional<Body> body = gate.admit(message);
        if (body.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "cluster: dropped a message from {0}: {1}", message.from(),
                    gate.lastDrop());
            return;
        }
        long now = clock.getAsLong();
        ClusterMessage content = body.get().message();
        if (content instanceof Heartbeat heartbeat) {
            peers.heard(message.from(), heartbeat, now);
        } else if (content instanceof PinState state) {
            if (leader(now).filter(message.from()::equals).isPresent()) {
                follow(state);
            }
        } else if (content instanceof StatusReport report) {
            record(message.from(), report);
        }
    }

    /**
     * Adds (or changes the replication of) a pin and places it at once; only on the leading master. A replication
     * below 1 is the configured default.
     */
    synchronized ClusterPin add(Cid cid, int wanted) {
        long now = clock.getAsLong();
        requireLeader(now);
        int replication = wanted > 0 ? wanted : settings.replication();
        Optional<ClusterPin> existing = store.get(cid).filter(p -> !p.removed());
        List<PeerId> allocations = existing.map(ClusterPin::allocations).orElse(List.of());
        store.putAll(List.of(new ClusterPin(cid, replication, allocations)));
        replace(now);
        ClusterPin placed = store.get(cid).orElseThrow();
        sender.send(new PinState(List.of(placed)));
        return placed;
    }

    /** Removes a pin (workers unpin it); only on the leading master; NoSuchElementException when it is not pinned. */
    synchronized ClusterPin remove(Cid cid) {
        requireLeader(clock.getAsLong());
        ClusterPin pin = store.get(cid).filter(p -> !p.removed())
                .orElseThrow(() -> new NoSuchElementException(cid + " is not pinned in the cluster"));
        ClusterPin tombstone = new ClusterPin(cid, 0, pin.allocations());
        store.putAll(List.of(tombstone));
        peerMaps.remove(cid);
        sender.send(new PinState(List.of(tombstone)));
        return tombstone;
    }

    /**
     * The pin with the status of each replica (queued until its worker reports; this node's own replica as it stands
     * here, since a node does not hear its own reports), if the cluster pins it.
     */
    synchronized Optional<PinView> status(Cid cid) {
        return store.get(cid).filter(p -> !p.removed()).map(pin -> {
            Map<PeerId, PinStatus> known = new LinkedHashMap<>(peerMaps.getOrDefault(cid, Map.of()));
            PinStatus own = placements.all().get(cid);
            if (own != null) {
                known.put(self, own);
            }
            Map<PeerId, PinStatus> peerMap = new LinkedHashMap<>();
            for (PeerId worker : pin.allocations()) {
                peerMap.put(worker, known.getOrDefault(worker, new PinStatus(cid, PinStatus.Status.QUEUED, "", 0)));
            }
            return new PinView(pin, peerMap);
        });
    }

    /** The live pins of the cluster, as this node knows them. */
    synchronized List<ClusterPin> pins() {
        return store.live();
    }

    /** This node and the live members, by peer id. */
    synchronized List<PeerView> members() {
        long now = clock.getAsLong();
        Optional<PeerId> leader = leader(now);
        List<PeerView> views = new ArrayList<>();
        Heartbeat own = heartbeat();
        views.add(new PeerView(self, role, own.capacity(), own.free(), own.load(), now,
                leader.filter(self::equals).isPresent(), true));
        for (PeerTable.Member m : peers.live(now)) {
            Heartbeat h = m.heartbeat();
            views.add(new PeerView(m.peer(), h.role(), h.capacity(), h.free(), h.load(), m.seenAt(),
                    leader.filter(m.peer()::equals).isPresent(), false));
        }
        views.sort(Comparator.comparing(v -> v.peer().toBase58()));
        return views;
    }

    /** The leading master: the lowest peer id (base58) among the live masters and this node if it is one. */
    synchronized Optional<PeerId> leader(long now) {
        List<PeerId> masters = new ArrayList<>();
        if (role == NodeRole.MASTER) {
            masters.add(self);
        }
        peers.live(now).stream().filter(m -> m.heartbeat().role() == NodeRole.MASTER).map(PeerTable.Member::peer)
                .forEach(masters::add);
        return masters.stream().min(Comparator.comparing(PeerId::toBase58));
    }

    /** This worker's placements and where each stands. */
    Map<Cid, PinStatus> placements() {
        return placements.all();
    }

    private boolean leading(long now) {
        return leader(now).filter(self::equals).isPresent();
    }

    private void requireLeader(long now) {
        if (role != NodeRole.MASTER) {
            throw new IllegalStateException("only a master accepts cluster pins; this node is a " + role.id());
        }
        Optional<PeerId> leader = leader(now);
        if (!leader.filter(self::equals).isPresent()) {
            throw new IllegalStateException("this master follows the cluster's leading master "
                    + leader.map(PeerId::toBase58).orElse("?") + "; send cluster pins there");
        }
    }

    private Heartbeat heartbeat() {
        return new Heartbeat(role, Math.max(0, local.capacity()), Math.max(0, local.free()),
                placements.busy() + Math.max(0, local.systemLoad()), local.hottest(ClusterCodec.MAX_HOT));
    }

    /** Re-places every live pin whose allocations are not all live workers or fall short of its replication. */
    private void replace(long now) {
        List<PeerTable.Member> live = peers.live(now);
        Map<PeerId, Integer> placed = new HashMap<>();
        for (ClusterPin pin : store.live()) {
            pin.allocations().forEach(p -> placed.merge(p, 1, Integer::sum));
        }
        List<ClusterPin> changed = new ArrayList<>();
        for (ClusterPin pin : store.live()) {
            List<PeerId> allocations = Placement.place(pin, live, p -> peers.liveWorker(p, now), placed);
            if (!allocations.equals(pin.allocations())) {
                allocations.stream().filter(p -> !pin.allocations().contains(p))
                        .forEach(p -> placed.merge(p, 1, Integer::sum));
                changed.add(pin.withAllocations(allocations));
                Map<PeerId, PinStatus> map = peerMaps.computeIfAbsent(pin.cid(), c -> new HashMap<>());
                map.keySet().retainAll(allocations);
                LOG.log(System.Logger.Level.INFO, "cluster: {0} placed on {1}", pin.cid(), allocations);
            }
        }
        store.putAll(changed);
    }

    /**
     * Every member keeps the leader's pins (so that {@code status} answers anywhere, and a following master can take
     * over); a worker also pins what is placed on it and unpins what left it.
     */
    private void follow(PinState state) {
        store.putAll(state.pins());
        if (role == NodeRole.WORKER) {
            placements.follow(state);
        }
    }

    /** Keeps a worker's report on the pins the cluster placed on it. */
    private void record(PeerId worker, StatusReport report) {
        for (PinStatus status : report.statuses()) {
            store.get(status.cid()).filter(p -> !p.removed() && p.allocations().contains(worker))
                    .ifPresent(p -> peerMaps.computeIfAbsent(p.cid(), c -> new HashMap<>()).put(worker, status));
        }
    }

    /** Fetches, once each, the CIDs whose heat summed over the live members exceeds the threshold. */
    private void fetchHot(long now) {
        Map<Cid, Double> heat = new HashMap<>();
        for (PeerTable.Member member : peers.live(now)) {
            for (HotCid hot : member.heartbeat().hot()) {
                heat.merge(hot.cid(), hot.heat(), Double::sum);
            }
        }
        heat.forEach((cid, sum) -> {
            if (sum > settings.hotThreshold() && !hotFetched.containsKey(cid) && !local.has(cid)) {
                hotFetched.put(cid, Boolean.TRUE);
                if (hotFetched.size() > MAX_HOT_FETCHED) {
                    hotFetched.remove(hotFetched.keySet().iterator().next());
                }
                work.execute(() -> fetch(cid));
            }
        });
    }

    private void fetch(Cid cid) {
        try {
            local.fetch(cid);
            LOG.log(System.Logger.Level.INFO, "cluster: fetched {0}, hot across the cluster", cid);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "cluster: fetching hot {0} failed: {1}", cid, e.toString());
        }
    }

}
