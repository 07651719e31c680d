package io.ipfskit.dht.kad.sim;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.core.KadNetwork;
import io.ipfskit.dht.kad.core.KadNode;
import io.ipfskit.dht.kad.core.KadSettings;
import io.ipfskit.dht.kad.core.RequestRefusedException;
import io.ipfskit.dht.kad.records.RecordStore;
import io.ipfskit.dht.kad.records.StoreLimits;
import io.ipfskit.dht.kad.records.Validators;
import io.ipfskit.dht.kad.wire.KadMessage;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * An in-memory network of DHT nodes on one {@link EventLoop}, each a real {@link KadNode} behind a {@link KadNetwork}
 * that delivers messages as objects: every node sits at a random point of a unit square (one-way latency 5 ms plus up
 * to ~210 ms with the distance, ±10 % jitter) and has a random public IPv4 address; every message is lost with the
 * given probability (its request then times out); a dead node's dial fails after the dial timeout. Each node keeps its
 * last {@link #CONNECTIONS} peers as connections (a connection manager's trim) and hears of each new one, as on a host.
 */
public final class SimNetwork {

    /** Connections each node keeps (the least recently used one goes). */
    public static final int CONNECTIONS = 64;
    /** How long dialling a dead node takes to fail. */
    public static final Duration DIAL_TIMEOUT = Duration.ofSeconds(5);

    /** Answers requests for a node that runs no DHT of ours (a rogue peer in tests). */
    @FunctionalInterface
    public interface Answerer {
        /** The answer to a request, null for none. */
        KadMessage answer(PeerId from, KadMessage request) throws RequestRefusedException;
    }

    private final EventLoop loop;
    private final SplittableRandom random;
    private final double loss;
    private final Map<PeerId, Member> members = new HashMap<>();
    private final List<PeerId> order = new ArrayList<>();
    private long messages;

    /** An empty network; {@code loss} is the probability that any one message is lost. */
    public SimNetwork(EventLoop loop, long seed, double loss) {
        this.loop = loop;
        this.random = new SplittableRandom(seed);
        this.loss = loss;
    }

    /** Adds a node running our DHT with these settings (an in-memory record store), started; returns its id. */
    public PeerId add(KadSettings settings) {
        Member m = member();
        try {
            RecordStore store = new RecordStore(StoreLimits.of(NodeRole.WORKER), loop::now, null);
            m.node = new KadNode(m.id, settings, m.endpoint, store, new Validators(peer -> Optional.empty()), loop);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        m.node.start();
        m.settings = settings;
        return m.id;
    }

    /** Adds a node as {@link #add} does and connects it to a random live node (its bootstrap peer), if there is one. */
    public PeerId join(KadSettings settings) {
        List<PeerId> live = liveNodes();
        PeerId fresh = add(settings);
        if (!live.isEmpty()) {
            connect(fresh, live.get(random.nextInt(live.size())));
        }
        return fresh;
    }

    /** Adds a node that answers every request with {@code answerer} (and asks nothing); returns its id. */
    public PeerId addRogue(Answerer answerer) {
        Member m = member();
        m.answerer = answerer;
        return m.id;
    }

    private Member member() {
        byte[] id = new byte[34];
        id[0] = 0x12;
        id[1] = 0x20;
        for (int i = 2; i < id.length; i++) {
            id[i] = (byte) random.nextInt(256);
        }
        Member m = new Member(PeerId.fromBytes(id), Multiaddr.parse("/ip4/" + publicIp() + "/tcp/4001"),
                random.nextDouble(), random.nextDouble());
        members.put(m.id, m);
        order.add(m.id);
        return m;
    }

    private String publicIp() {
        int first;
        do {
            first = 1 + random.nextInt(223);
        } while (first == 10 || first == 100 || first == 127 || first == 169 || first == 172 || first == 192);
        return first + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** The DHT of a node added with {@link #add}. */
    public KadNode node(PeerId peer) {
        return members.get(peer).node;
    }

    /** Connects two nodes (a bootstrap): each hears of the other as a new connection. */
    public void connect(PeerId a, PeerId b) {
        connection(members.get(a), members.get(b));
    }

    /** Takes a node off the network for good, without telling anybody (churn). */
    public void kill(PeerId peer) {
        Member m = members.get(peer);
        m.alive = false;
        if (m.node != null) {
            m.node.close();
        }
    }

    /** The nodes running our DHT that are alive, in the order they were added. */
    public List<PeerId> liveNodes() {
        return order.stream().filter(p -> members.get(p).alive && members.get(p).node != null).toList();
    }

    /** Messages sent so far (requests and one-way messages). */
    public long messages() {
        return messages;
    }

    /** Messages the node sent so far. */
    public long messagesSentBy(PeerId peer) {
        return members.get(peer).sent;
    }

    private void connection(Member a, Member b) {
        boolean fresh = a.connections.put(b.id, Boolean.TRUE) == null;
        b.connections.put(a.id, Boolean.TRUE);
        if (fresh) {
            long delay = 2 * latency(a, b);
            loop.schedule(Duration.ofMillis(delay), () -> {
                if (a.alive && a.node != null) {
                    a.node.peerConnected(b.id);
                }
                if (b.alive && b.node != null) {
                    b.node.peerConnected(a.id);
                }
            });
        }
    }

    private long latency(Member a, Member b) {
        double d = Math.hypot(a.x - b.x, a.y - b.y);
        double base = 5 + 150 * d;
        return Math.round(base * (0.9 + 0.2 * random.nextDouble()));
    }

    private boolean lost() {
        return loss > 0 && random.nextDouble() < loss;
    }

    private CompletableFuture<KadMessage> deliver(Member from, PeerId to, KadMessage message, boolean oneWay) {
        messages++;
        from.sent++;
        CompletableFuture<KadMessage> result = new CompletableFuture<>();
        Duration timeout = from.settings.requestTimeout();
        Member target = members.get(to);
        if (target == null || !target.alive) {
            loop.schedule(DIAL_TIMEOUT, () -> result.completeExceptionally(new IOException("dial to " + to + " timed out")));
            return result;
        }
        connection(from, target);
        long start = loop.now();
        Runnable timedOut = () -> result.completeExceptionally(new TimeoutException("no answer from " + to));
        if (lost()) {
            loop.schedule(timeout, timedOut);
            return result;
        }
        long there = latency(from, target);
        loop.schedule(Duration.ofMillis(there), () -> {
            KadMessage answer;
            try {
                answer = target.alive ? target.answer(from.id, message) : null;
            } catch (RequestRefusedException e) {
                loop.schedule(Duration.ofMillis(latency(target, from)), () -> result.completeExceptionally(e));
                return;
            }
            if (oneWay) {
                result.complete(null);
            } else if (answer == null || !target.alive || lost()) {
                loop.schedule(Duration.ofMillis(Math.max(0, start + timeout.toMillis() - loop.now())), timedOut);
            } else {
                loop.schedule(Duration.ofMillis(latency(target, from)), () -> result.complete(answer));
            }
        });
        return result;
    }

    /** One node: its identity, place, address, liveness, connections and what answers for it. */
    private final class Member {
        final PeerId id;
        final Multiaddr address;
        final double x;
        final double y;
        final Endpoint endpoint = new Endpoint(this);
        final Map<PeerId, Boolean> connections = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<PeerId, Boolean> eldest) {
                return size() > CONNECTIONS;
            }
        };
        KadNode node;
        KadSettings settings = KadSettings.wan(DhtMode.SERVER, false);
        Answerer answerer;
        boolean alive = true;
        long sent;

        Member(PeerId id, Multiaddr address, double x, double y) {
            this.id = id;
            this.address = address;
            this.x = x;
            this.y = y;
        }

        KadMessage answer(PeerId from, KadMessage request) throws RequestRefusedException {
            return node != null ? node.handle(from, request) : answerer.answer(from, request);
        }
    }

    /** A node's view of the network. */
    private final class Endpoint implements KadNetwork {
        private final Member self;

        Endpoint(Member self) {
            this.self = self;
        }

        @Override
        public CompletionStage<KadMessage> request(PeerId peer, KadMessage request) {
            return deliver(self, peer, request, false);
        }

        @Override
        public CompletionStage<Void> send(PeerId peer, KadMessage message) {
            return deliver(self, peer, message, true).thenApply(none -> null);
        }

        @Override
        public void learn(PeerId peer, List<Multiaddr> addresses) {
            // every node's address is known network-wide: the simulation keeps one address book
        }

        @Override
        public List<Multiaddr> addresses(PeerId peer) {
            Member m = members.get(peer);
            return m == null ? List.of() : List.of(m.address);
        }

        @Override
        public Set<PeerId> connectedPeers() {
            return Collections.unmodifiableSet(self.connections.keySet());
        }

        @Override
        public CompletionStage<Boolean> servesDht(PeerId peer) {
            Member m = members.get(peer);
            return CompletableFuture.completedFuture(m != null && (m.answerer != null
                    || m.node != null && m.settings.mode() == DhtMode.SERVER));
        }

        @Override
        public List<Multiaddr> ownAddresses() {
            return List.of(self.address);
        }
    }
}
