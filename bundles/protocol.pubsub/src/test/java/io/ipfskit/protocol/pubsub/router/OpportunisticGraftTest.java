package io.ipfskit.protocol.pubsub.router;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.protocol.pubsub.wire.Rpc;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * v1.1's opportunistic grafting on node 0, whose mesh holds two peers that deliver nothing while a third peer outside
 * it (driven by hand, so it never sends a GRAFT itself) delivers a message first every second.
 */
class OpportunisticGraftTest {

    private static final String TOPIC = "opportunistic";
    /** D 2 (D_lo 2, D_out 0): the two connected routers fill the mesh and nothing else grafts. */
    private static final GossipParams PARAMS = new GossipParams(2, 2, 12, 2, 0, 6, 0.25, 5, 3, 3, Duration.ofSeconds(1),
            Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofSeconds(10),
            Duration.ofSeconds(10), 16, 5000, 10, Duration.ofSeconds(3), 1024 * 1024, 1000, 256, 60, 2);

    private final PrivateKey key = PrivateKey.generateEd25519();
    private final PeerId outsider = PeerId.fromPublicKey(key.publicKey());

    /** Runs the given heartbeats, the outsider delivering a fresh message before each. */
    private static void deliverAndBeat(SimNet net, PrivateKey key, PeerId outsider, int from, int count) {
        for (int i = from; i < from + count; i++) {
            net.node(0).router.handle(outsider, Rpc.of(List.of(SimNet.signed(key, outsider, TOPIC, "first " + i, i))));
            net.advance(Duration.ofSeconds(1));
        }
    }

    private SimNet meshOfTwoAndAnOutsider(ScoreParams score) {
        SimNet net = new SimNet(3, PARAMS, score);
        net.connect(0, 1, PeerProtocol.MESHSUB_11);
        net.connect(0, 2, PeerProtocol.MESHSUB_11);
        net.nodes.forEach(n -> n.router.join(TOPIC));
        net.node(0).router.addPeer(outsider, PeerProtocol.MESHSUB_11, false, null);
        net.node(0).router.handle(outsider, new Rpc(List.of(new Rpc.Subscription(true, TOPIC)), List.of(),
                Rpc.Control.EMPTY));
        net.pump();
        net.advance(Duration.ofSeconds(1));
        return net;
    }

    @Test
    void aMeshScoringLowGraftsAPeerThatDeliversFirstAtTheTick() {
        SimNet net = meshOfTwoAndAnOutsider(ScoreParams.DEFAULTS);
        assertTrue(net.node(0).router.mesh(TOPIC).equals(Set.of(net.node(1).id, net.node(2).id)));
        deliverAndBeat(net, key, outsider, 0, 57);
        assertFalse(net.node(0).router.mesh(TOPIC).contains(outsider), "not before the 60th heartbeat");
        deliverAndBeat(net, key, outsider, 57, 2);
        assertTrue(net.node(0).router.mesh(TOPIC).contains(outsider), "grafted at the 60th heartbeat");
        assertTrue(net.node(0).sentTo.getOrDefault(outsider, List.of()).stream()
                .anyMatch(r -> r.control().graft().contains(TOPIC)), "and told so by a GRAFT");
    }

    @Test
    void aMeshScoringWellGraftsNobody() {
        ScoreParams d = ScoreParams.DEFAULTS;
        ScoreParams content = new ScoreParams(d.topicWeight(), d.timeInMeshWeight(), d.timeInMeshQuantum(),
                d.timeInMeshCap(), d.firstDeliveriesWeight(), d.firstDeliveriesDecay(), d.firstDeliveriesCap(),
                d.invalidWeight(), d.invalidDecay(), d.ipColocationWeight(), d.ipColocationThreshold(),
                d.behaviourWeight(), d.behaviourThreshold(), d.behaviourDecay(), d.decayInterval(), d.decayToZero(),
                d.retainScore(), d.gossipThreshold(), d.publishThreshold(), d.graylistThreshold(), d.acceptPxThreshold(),
                0);
        SimNet net = meshOfTwoAndAnOutsider(content);
        deliverAndBeat(net, key, outsider, 0, 120);
        assertFalse(net.node(0).router.mesh(TOPIC).contains(outsider), "a median of at least the threshold is enough");
    }
}
