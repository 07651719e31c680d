package io.ipfskit.protocol.pubsub.router;

import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.protocol.pubsub.wire.MalformedRpcException;
import io.ipfskit.protocol.pubsub.wire.Rpc;
import io.ipfskit.protocol.pubsub.wire.RpcCodec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;

/**
 * Routers in one process on a manual clock: every RPC is encoded, queued and decoded on its way (so the codec is on
 * the path), {@link #pump()} delivers until quiet, {@link #advance} moves the clock and runs every heartbeat. Peers
 * may be cut off ({@link #down}) to drop what is sent to them.
 */
final class SimNet {

    /** One router and what reached it. */
    final class Node {
        final PrivateKey key = PrivateKey.generateEd25519();
        final PeerId id = PeerId.fromPublicKey(key.publicKey());
        final List<PubSubMessage> delivered = new ArrayList<>();
        final List<PeerId> dialled = new ArrayList<>();
        final Map<PeerId, List<Rpc>> sentTo = new HashMap<>();
        boolean queueFull;
        final GossipRouter router;

        Node(GossipParams params, ScoreParams score, long seed) {
            router = new GossipRouter(params, score, id, key.publicKey(), key::sign, new GossipRouter.Port() {
                @Override
                public boolean send(PeerId peer, Rpc rpc) {
                    if (queueFull) {
                        return false;
                    }
                    sentTo.computeIfAbsent(peer, p -> new ArrayList<>()).add(rpc);
                    wire.add(new Hop(id, peer, RpcCodec.encode(rpc), now));
                    return true;
                }

                @Override
                public void dial(PeerId peer) {
                    dialled.add(peer);
                }

                @Override
                public void deliver(PubSubMessage message) {
                    delivered.add(message);
                    deliveredAt.add(now);
                }
            }, () -> now, new Random(seed), 1_000_000_000_000L);
        }

        final List<Long> deliveredAt = new ArrayList<>();
    }

    private record Hop(PeerId from, PeerId to, byte[] body, long sentAt) {
    }

    final List<Node> nodes = new ArrayList<>();
    private final Map<PeerId, Node> byId = new HashMap<>();
    private final Queue<Hop> wire = new ArrayDeque<>();
    final Set<PeerId> down = new HashSet<>();
    long now = 1_000_000_000L;
    long hopNanos;

    SimNet(int count, GossipParams params) {
        this(count, params, ScoreParams.DEFAULTS);
    }

    SimNet(int count, GossipParams params, ScoreParams score) {
        for (int i = 0; i < count; i++) {
            Node n = new Node(params, score, i);
            nodes.add(n);
            byId.put(n.id, n);
        }
    }

    /** A message on the topic signed by the key as from the peer, with the sequence number. */
    static Rpc.Message signed(PrivateKey key, PeerId from, String topic, String data, long seqno) {
        byte[] seq = java.nio.ByteBuffer.allocate(8).putLong(seqno).array();
        Rpc.Message unsigned = new Rpc.Message(from.bytes(), data.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                seq, List.of(topic), null, null);
        return Signing.sign(unsigned, from, key.publicKey(), key::sign);
    }

    Node node(int i) {
        return nodes.get(i);
    }

    /** Connects two nodes both ways (a dialled b) on the given protocol. */
    void connect(int a, int b, PeerProtocol protocol) {
        node(a).router.addPeer(node(b).id, protocol, true, null);
        node(b).router.addPeer(node(a).id, protocol, false, null);
    }

    /** Every pair connected over /meshsub/1.1.0. */
    void connectAll() {
        for (int a = 0; a < nodes.size(); a++) {
            for (int b = a + 1; b < nodes.size(); b++) {
                connect(a, b, PeerProtocol.MESHSUB_11);
            }
        }
    }

    /** Delivers queued RPCs until none is left (each hop takes {@link #hopNanos} of simulated time). */
    void pump() {
        Hop hop;
        while ((hop = wire.poll()) != null) {
            Node to = byId.get(hop.to);
            if (to == null || down.contains(hop.to) || down.contains(hop.from)) {
                continue;
            }
            now = Math.max(now, hop.sentAt + hopNanos);
            try {
                to.router.handle(hop.from, RpcCodec.decode(hop.body));
            } catch (MalformedRpcException e) {
                throw new AssertionError("our own RPC does not decode: " + e.getMessage(), e);
            }
        }
    }

    /** Moves the clock by the duration in heartbeats of one second, pumping after each. */
    void advance(Duration duration) {
        long end = now + duration.toNanos();
        while (now < end) {
            now = Math.min(end, now + 1_000_000_000L);
            for (Node n : nodes) {
                if (!down.contains(n.id)) {
                    n.router.heartbeat();
                }
            }
            pump();
        }
    }
}
