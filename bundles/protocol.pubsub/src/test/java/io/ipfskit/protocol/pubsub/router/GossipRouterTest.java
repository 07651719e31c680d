package io.ipfskit.protocol.pubsub.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.api.pubsub.TopicValidator;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.pubsub.wire.Rpc;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mesh, gossip, publishing and validation of {@link GossipRouter} on a simulated network. */
class GossipRouterTest {

    private static final String TOPIC = "news";

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void meshesStayWithinBoundsAreSymmetricAndEveryoneGetsEveryMessageOnce() {
        SimNet net = new SimNet(20, GossipParams.DEFAULTS);
        net.connectAll();
        net.nodes.forEach(n -> n.router.join(TOPIC));
        net.pump();
        net.advance(Duration.ofSeconds(5));
        for (SimNet.Node n : net.nodes) {
            int size = n.router.mesh(TOPIC).size();
            assertTrue(size >= GossipParams.DEFAULTS.dLo() && size <= GossipParams.DEFAULTS.dHi(), "mesh of " + size);
            for (PeerId p : n.router.mesh(TOPIC)) {
                SimNet.Node other = net.nodes.stream().filter(o -> o.id.equals(p)).findFirst().orElseThrow();
                assertTrue(other.router.mesh(TOPIC).contains(n.id), "mesh links go both ways");
            }
        }
        net.node(3).router.publish(TOPIC, text("hello"));
        net.pump();
        for (SimNet.Node n : net.nodes) {
            assertEquals(1, n.delivered.size(), "each subscriber (the publisher too) gets the message once");
            assertArrayEquals(text("hello"), n.delivered.get(0).data());
            assertEquals(net.node(3).id, n.delivered.get(0).from());
        }
    }

    @Test
    void aPeerOutsideTheMeshGetsTheMessageByIhaveAndIwant() {
        GossipParams narrow = new GossipParams(1, 1, 1, 1, 0, 6, 0.25, 5, 3, 3, Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofSeconds(10),
                Duration.ofSeconds(10), 16, 5000, 10, Duration.ofSeconds(3), 1024 * 1024, 1000, 256, 60, 2);
        SimNet net = new SimNet(4, narrow);
        // 0 is the origin, linked to 1 only; 2 and 3 dialled 1, whose mesh holds one peer (D_hi 1 refuses more)
        net.connect(0, 1, PeerProtocol.MESHSUB_11);
        net.connect(2, 1, PeerProtocol.MESHSUB_11);
        net.connect(3, 1, PeerProtocol.MESHSUB_11);
        net.nodes.forEach(n -> n.router.join(TOPIC));
        net.pump();
        net.advance(Duration.ofSeconds(2));
        assertEquals(1, net.node(1).router.mesh(TOPIC).size());
        net.node(0).router.publish(TOPIC, text("gossip"));
        net.pump();
        long early = net.nodes.subList(2, 4).stream().filter(n -> !n.delivered.isEmpty()).count();
        net.advance(Duration.ofSeconds(1));
        assertTrue(net.nodes.stream().allMatch(n -> n.delivered.size() == 1), "all got it after one heartbeat");
        assertTrue(early <= 1, "before the heartbeat at most the mesh peer of node 1 had it");
        assertTrue(net.node(1).sentTo.values().stream().flatMap(List::stream)
                .anyMatch(r -> !r.control().ihave().isEmpty()), "node 1 gossiped an IHAVE");
    }

    @Test
    void sequenceNumbersStartFromTheClockAndIncrease() {
        SimNet net = new SimNet(2, GossipParams.DEFAULTS);
        net.connect(0, 1, PeerProtocol.MESHSUB_11);
        net.node(1).router.join(TOPIC);
        net.pump();
        for (int i = 0; i < 3; i++) {
            net.node(0).router.publish(TOPIC, text("m" + i));
        }
        net.pump();
        List<PubSubMessage> got = net.node(1).delivered;
        assertEquals(3, got.size());
        long previous = 1_000_000_000_000L - 1;
        for (PubSubMessage m : got) {
            long seqno = ByteBuffer.wrap(m.seqno()).getLong();
            assertEquals(previous + 1, seqno);
            previous = seqno;
        }
    }

    @Test
    void aValidatorRejectDropsAndPenalisesAndIgnoreDropsWithoutPenalty() {
        SimNet net = new SimNet(3, GossipParams.DEFAULTS);
        net.connectAll();
        net.nodes.forEach(n -> n.router.join(TOPIC));
        net.pump();
        net.advance(Duration.ofSeconds(2));
        net.node(1).router.addValidator(TOPIC, m -> new String(m.data(), StandardCharsets.UTF_8).startsWith("bad")
                ? TopicValidator.Result.REJECT : new String(m.data(), StandardCharsets.UTF_8).startsWith("meh")
                ? TopicValidator.Result.IGNORE : TopicValidator.Result.ACCEPT);
        double before = net.node(1).router.score(net.node(0).id);
        net.node(0).router.publish(TOPIC, text("meh"));
        net.pump();
        assertTrue(net.node(1).delivered.isEmpty());
        assertEquals(1, net.node(1).router.counters().ignored());
        assertTrue(net.node(1).router.score(net.node(0).id) >= before, "ignore costs nothing");
        net.node(0).router.publish(TOPIC, text("bad"));
        net.pump();
        assertTrue(net.node(1).delivered.isEmpty());
        assertEquals(1, net.node(1).router.counters().rejected());
        assertTrue(net.node(1).router.score(net.node(0).id) < ScoreParams.DEFAULTS.graylistThreshold());
        assertEquals(2, net.node(2).delivered.size(), "node 2 has no validator; node 1 forwarded neither");
        assertThrows(IllegalStateException.class, () -> net.node(1).router.publish(TOPIC, text("bad own")));
    }

    @Test
    void aMessageLargerThanTheBoundIsNotPublished() {
        SimNet net = new SimNet(1, GossipParams.DEFAULTS);
        assertThrows(IllegalArgumentException.class,
                () -> net.node(0).router.publish(TOPIC, new byte[GossipParams.DEFAULTS.maxMessageSize()]));
    }

    @Test
    void aFullPeerQueueDropsAndPenalises() {
        SimNet net = new SimNet(2, GossipParams.DEFAULTS);
        net.connect(0, 1, PeerProtocol.MESHSUB_11);
        net.node(1).router.join(TOPIC);
        net.pump();
        net.node(0).queueFull = true;
        for (int i = 0; i < 5; i++) {
            net.node(0).router.publish(TOPIC, text("x" + i));
        }
        assertEquals(4, net.node(0).router.counters().dropped(), "the fifth is not even tried");
        assertTrue(net.node(0).router.score(net.node(1).id) < ScoreParams.DEFAULTS.publishThreshold(),
                "a peer that cannot keep up falls below the publish threshold");
    }

    @Test
    void floodsubPeersGetMessagesButNoControl() {
        SimNet net = new SimNet(3, GossipParams.DEFAULTS);
        net.connect(0, 1, PeerProtocol.FLOODSUB);
        net.connect(0, 2, PeerProtocol.MESHSUB_11);
        net.nodes.forEach(n -> n.router.join(TOPIC));
        net.pump();
        net.advance(Duration.ofSeconds(3));
        net.node(2).router.publish(TOPIC, text("to all"));
        net.pump();
        assertEquals(1, net.node(1).delivered.size(), "the floodsub peer got it through node 0");
        assertTrue(net.node(0).sentTo.get(net.node(1).id).stream().allMatch(r -> r.control().isEmpty()));
        assertFalse(net.node(0).router.mesh(TOPIC).contains(net.node(1).id));
    }

    @Test
    void aPeerThatLeavesATopicLeavesTheMesh() {
        SimNet net = new SimNet(2, GossipParams.DEFAULTS);
        net.connect(0, 1, PeerProtocol.MESHSUB_11);
        net.nodes.forEach(n -> n.router.join(TOPIC));
        net.pump();
        net.advance(Duration.ofSeconds(1));
        assertTrue(net.node(0).router.mesh(TOPIC).contains(net.node(1).id));
        net.node(1).router.leave(TOPIC);
        net.pump();
        assertFalse(net.node(0).router.mesh(TOPIC).contains(net.node(1).id));
        assertTrue(net.node(0).router.peers(TOPIC).isEmpty());
        assertTrue(net.node(1).router.topics().isEmpty());
    }

    @Test
    void subscriptionsThatArriveBeforeOurStreamIsUpCount() {
        SimNet net = new SimNet(2, GossipParams.DEFAULTS);
        GossipRouter router = net.node(0).router;
        PeerId early = net.node(1).id;
        router.handle(early, new Rpc(List.of(new Rpc.Subscription(true, TOPIC)), List.of(), Rpc.Control.EMPTY));
        assertEquals(java.util.Set.of(early), router.peers(TOPIC));
        router.addPeer(early, PeerProtocol.MESHSUB_11, true, null);
        router.join(TOPIC);
        assertTrue(router.mesh(TOPIC).contains(early));
        router.removePeer(early);
        assertTrue(router.peers(TOPIC).isEmpty(), "and go with the peer");
    }

    @Test
    void jsStyleIdsKeyAndSeqnoAreKnownServedAndSettlePromises() {
        SimNet net = new SimNet(3, GossipParams.DEFAULTS);
        net.connectAll();
        net.nodes.forEach(n -> n.router.join(TOPIC));
        net.pump();
        net.advance(Duration.ofSeconds(2));
        net.node(2).router.publish(TOPIC, text("once"));
        net.pump();
        GossipRouter router = net.node(0).router;
        PeerId js = net.node(1).id;
        byte[] seqno = ByteBuffer.allocate(8).putLong(1_000_000_000_000L).array();
        byte[] key = net.node(2).key.publicKey().marshal();
        byte[] idBytes = new byte[key.length + seqno.length];
        System.arraycopy(key, 0, idBytes, 0, key.length);
        System.arraycopy(seqno, 0, idBytes, key.length, seqno.length);
        String jsId = new String(idBytes, StandardCharsets.ISO_8859_1);
        int before = net.node(0).sentTo.get(js).size();
        router.handle(js, new Rpc(List.of(), List.of(), new Rpc.Control(List.of(new Rpc.IHave(TOPIC, List.of(jsId))),
                List.of(), List.of(), List.of())));
        assertEquals(before, net.node(0).sentTo.get(js).size(), "a message we hold is not asked for by its js id");
        router.handle(js, new Rpc(List.of(), List.of(), new Rpc.Control(List.of(), List.of(new Rpc.IWant(
                List.of(jsId))), List.of(), List.of())));
        List<Rpc> sent = net.node(0).sentTo.get(js);
        assertArrayEquals(text("once"), sent.get(sent.size() - 1).publish().get(0).data(), "served by its js id");
    }

    private static SimNet hub(int dialled, int dialledUs) {
        SimNet net = new SimNet(1 + dialled + dialledUs, GossipParams.DEFAULTS);
        for (int i = 1; i <= dialled + dialledUs; i++) {
            if (i <= dialled) {
                net.connect(0, i, PeerProtocol.MESHSUB_11);
            } else {
                net.connect(i, 0, PeerProtocol.MESHSUB_11);
            }
        }
        net.nodes.forEach(n -> n.router.join(TOPIC));
        net.pump();
        return net;
    }

    private static void graft(SimNet net, int from) {
        net.node(0).router.handle(net.node(from).id, new Rpc(List.of(), List.of(),
                new Rpc.Control(List.of(), List.of(), List.of(TOPIC), List.of())));
    }

    @Test
    void aMeshWithoutEnoughPeersWeDialledGraftsThem() {
        SimNet net = hub(2, 6);
        for (int i = 3; i <= 8; i++) {
            graft(net, i);
        }
        assertEquals(6, net.node(0).router.mesh(TOPIC).size());
        net.node(0).router.heartbeat();
        assertTrue(net.node(0).router.mesh(TOPIC).containsAll(java.util.Set.of(net.node(1).id, net.node(2).id)),
                "D_out: the two peers we dialled join the mesh");
    }

    @Test
    void trimmingAMeshKeepsThePeersWeDialled() {
        SimNet net = hub(2, 14);
        for (int i = 3; i <= 16; i++) {
            graft(net, i);
        }
        graft(net, 1);
        graft(net, 2);
        assertEquals(14, net.node(0).router.mesh(TOPIC).size(), "12 inbound, then the 2 we dialled beyond D_hi");
        net.node(0).router.heartbeat();
        assertEquals(GossipParams.DEFAULTS.d(), net.node(0).router.mesh(TOPIC).size());
        assertTrue(net.node(0).router.mesh(TOPIC).containsAll(java.util.Set.of(net.node(1).id, net.node(2).id)),
                "D_out of the peers we dialled survive the trim");
    }
}
