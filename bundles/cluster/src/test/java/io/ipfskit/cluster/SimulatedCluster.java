package io.ipfskit.cluster;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.cluster.wire.HotCid;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Cluster members on one simulated topic and clock: every message sent reaches every other running member when the
 * test calls {@link #deliver()}; each member's node is a {@link Storage} that records pins and fetches. Work runs at
 * once on the caller's thread.
 */
final class SimulatedCluster {

    static final String SECRET = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    static final Duration HEARTBEAT = Duration.ofSeconds(1);

    final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    final List<Member> members = new ArrayList<>();
    private final Queue<Sent> wire = new ArrayDeque<>();

    private record Sent(PeerId from, byte[] data) {
    }

    /** The node under a member: its space, load and heat as the test sets them, and what it pinned and fetched. */
    static final class Storage implements LocalNode {
        volatile long free = 1_000_000;
        volatile double load;
        final List<HotCid> hot = new CopyOnWriteArrayList<>();
        final Set<Cid> pinned = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final List<Cid> fetched = new CopyOnWriteArrayList<>();
        volatile String failure;

        @Override
        public long capacity() {
            return 10_000_000;
        }

        @Override
        public long free() {
            return free;
        }

        @Override
        public double systemLoad() {
            return load;
        }

        @Override
        public List<HotCid> hottest(int max) {
            return hot.stream().limit(max).toList();
        }

        @Override
        public boolean has(Cid cid) {
            return pinned.contains(cid) || fetched.contains(cid);
        }

        @Override
        public void pin(Cid cid) throws Exception {
            if (failure != null) {
                throw new java.io.IOException(failure);
            }
            pinned.add(cid);
        }

        @Override
        public void unpin(Cid cid) {
            pinned.remove(cid);
        }

        @Override
        public void fetch(Cid cid) {
            fetched.add(cid);
        }
    }

    /** One member: its peer, role, node and state; a stopped member neither ticks nor hears. */
    final class Member {
        final PeerId id;
        final NodeRole role;
        final Storage storage = new Storage();
        final ClusterPeer peer;
        boolean running = true;

        Member(PeerId id, NodeRole role, ClusterSettings settings, PinStore store) {
            this.id = id;
            this.role = role;
            this.peer = new ClusterPeer(id, role, settings, clock::get, data -> wire.add(new Sent(id, data)), storage,
                    Runnable::run, store);
        }
    }

    /** The cluster's settings with this secret and these trusted peers. */
    static ClusterSettings settings(String secret, Set<PeerId> trusted) {
        return new ClusterSettings("sim", HexFormat.of().parseHex(secret), trusted, HEARTBEAT, 3, Duration.ofSeconds(30),
                2, 10.0);
    }

    /** Peer ids sorted by base58, so that a test knows which master leads. */
    static List<PeerId> sortedPeers(int count) {
        return IntStream.range(0, count).mapToObj(i -> PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey()))
                .sorted(Comparator.comparing(PeerId::toBase58)).toList();
    }

    /** Adds a member of the cluster. */
    Member add(NodeRole role) {
        return add(sortedPeers(1).get(0), role, settings(SECRET, Set.of()), null);
    }

    /** Adds a member with its own identity, settings and store. */
    Member add(PeerId id, NodeRole role, ClusterSettings settings, PinStore store) {
        try {
            Member member = new Member(id, role, settings, store == null ? new PinStore(null) : store);
            members.add(member);
            return member;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Delivers every message sent, and those sent in reply, until the wire is quiet. */
    void deliver() {
        for (Sent sent = wire.poll(); sent != null; sent = wire.poll()) {
            PubSubMessage message = new PubSubMessage(sent.from(), sent.data(), new byte[8], List.of("t"), new byte[64],
                    null);
            for (Member member : List.copyOf(members)) {
                if (member.running && !member.id.equals(sent.from())) {
                    member.peer.receive(message);
                }
            }
        }
    }

    /** One heartbeat interval: the clock moves on, every running member ticks, everything is delivered. */
    void round() {
        clock.addAndGet(HEARTBEAT.toMillis());
        for (Member member : List.copyOf(members)) {
            if (member.running) {
                member.peer.tick();
            }
        }
        deliver();
    }

    /** Runs this many rounds. */
    void rounds(int count) {
        for (int i = 0; i < count; i++) {
            round();
        }
    }

    /** The members that pinned the CID. */
    Set<PeerId> holders(Cid cid) {
        return members.stream().filter(m -> m.storage.pinned.contains(cid)).map(m -> m.id)
                .collect(Collectors.toCollection(HashSet::new));
    }
}
