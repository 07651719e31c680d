package io.ipfskit.protocol.pubsub.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.protocol.pubsub.wire.Rpc;
import io.ipfskit.protocol.pubsub.wire.RpcCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile peer sends to a router: messages not signed by their origin, GRAFTs in backoff, IHAVE floods, broken
 * IWANT promises, peer exchange. Node 0 is the router under test; node 1 is the attacker, whose RPCs are made by hand.
 */
class RouterDefenceTest {

    private static final String TOPIC = "t";

    private SimNet net;
    private GossipRouter router;
    private PeerId attacker;

    @BeforeEach
    void twoPeers() {
        net = new SimNet(2, GossipParams.DEFAULTS);
        net.connect(0, 1, PeerProtocol.MESHSUB_11);
        net.node(0).router.join(TOPIC);
        net.node(1).router.join(TOPIC);
        net.pump();
        router = net.node(0).router;
        attacker = net.node(1).id;
    }

    private Rpc.Message signedBy(PrivateKey key, PeerId from, String data, long seqno) {
        return SimNet.signed(key, from, TOPIC, data, seqno);
    }

    private void send(Rpc.Message m) {
        router.handle(attacker, Rpc.of(List.of(m)));
    }

    @Test
    void aCorrectlySignedMessageIsDelivered() {
        send(signedBy(net.node(1).key, attacker, "fine", 1));
        assertEquals(1, net.node(0).delivered.size());
        assertEquals(0, router.counters().invalidSignatures());
    }

    @Test
    void anUnsignedMessageIsDroppedAndItsSenderGraylisted() {
        Rpc.Message signed = signedBy(net.node(1).key, attacker, "unsigned", 1);
        send(signed.unsigned());
        assertTrue(net.node(0).delivered.isEmpty());
        assertEquals(1, router.counters().invalidSignatures());
        assertTrue(router.score(attacker) < ScoreParams.DEFAULTS.graylistThreshold());
        send(signedBy(net.node(1).key, attacker, "later", 2));
        assertTrue(net.node(0).delivered.isEmpty(), "a graylisted peer's RPCs are ignored");
    }

    @Test
    void aMessageSignedByAnotherKeyThanItsOriginIsDropped() {
        PrivateKey other = PrivateKey.generateEd25519();
        Rpc.Message forged = signedBy(other, attacker, "forged", 1);
        send(forged);
        assertTrue(net.node(0).delivered.isEmpty());
        assertEquals(1, router.counters().invalidSignatures());
    }

    @Test
    void aMessageCarryingAKeyThatIsNotItsOriginsIsDropped() {
        PrivateKey other = PrivateKey.generateEd25519();
        Rpc.Message m = signedBy(other, attacker, "wrong key", 1);
        send(new Rpc.Message(m.from(), m.data(), m.seqno(), m.topics(), m.signature(), other.publicKey().marshal()));
        assertTrue(net.node(0).delivered.isEmpty());
        assertEquals(1, router.counters().invalidSignatures());
    }

    @Test
    void aMessageWhoseDataChangedAfterSigningIsDropped() {
        Rpc.Message m = signedBy(net.node(1).key, attacker, "original", 1);
        send(new Rpc.Message(m.from(), "tampered".getBytes(StandardCharsets.UTF_8), m.seqno(), m.topics(),
                m.signature(), null));
        assertTrue(net.node(0).delivered.isEmpty());
        assertEquals(1, router.counters().invalidSignatures());
    }

    @Test
    void aMessageWithoutSeqnoIsDropped() {
        Rpc.Message m = signedBy(net.node(1).key, attacker, "no seqno", 1);
        send(new Rpc.Message(m.from(), m.data(), null, m.topics(), m.signature(), null));
        assertTrue(net.node(0).delivered.isEmpty());
        assertEquals(1, router.counters().invalidSignatures());
    }

    @Test
    void aRelayedMessageKeepsItsOriginAndDuplicatesAreCountedOnce() {
        SimNet.Node origin = net.node(1);
        Rpc.Message m = signedBy(origin.key, origin.id, "relayed", 7);
        send(m);
        send(m);
        assertEquals(1, net.node(0).delivered.size());
        assertEquals(1, router.counters().duplicates());
    }

    @Test
    void aGraftDuringBackoffIsPenalisedAndAnsweredWithPrune() {
        net.advance(Duration.ofSeconds(1));
        router.handle(attacker, new Rpc(List.of(), List.of(),
                new Rpc.Control(List.of(), List.of(), List.of(), List.of(new Rpc.Prune(TOPIC, List.of(), 60)))));
        assertFalse(router.mesh(TOPIC).contains(attacker));
        double before = router.score(attacker);
        int sent = net.node(0).sentTo.get(attacker).size();
        for (int i = 0; i < 5; i++) {
            router.handle(attacker, new Rpc(List.of(), List.of(),
                    new Rpc.Control(List.of(), List.of(), List.of(TOPIC), List.of())));
        }
        assertFalse(router.mesh(TOPIC).contains(attacker), "not grafted during the backoff");
        assertTrue(router.score(attacker) < ScoreParams.DEFAULTS.graylistThreshold(),
                "each GRAFT in backoff costs (twice within 10 s): graylisted from " + before);
        List<Rpc> replies = net.node(0).sentTo.get(attacker).subList(sent, net.node(0).sentTo.get(attacker).size());
        assertTrue(replies.stream().anyMatch(r -> !r.control().prune().isEmpty()), "answered with PRUNE");
    }

    @Test
    void ihaveFloodsAreBoundedPerHeartbeatAndBrokenPromisesCost() throws Exception {
        for (int round = 0; round < 3; round++) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                ids.add(Integer.toString(round * 100_000 + i, 36));
            }
            Rpc huge = new Rpc(List.of(), List.of(), new Rpc.Control(List.of(new Rpc.IHave(TOPIC, ids)), List.of(),
                    List.of(), List.of()));
            Rpc decoded = RpcCodec.decode(RpcCodec.encode(huge));
            assertEquals(RpcCodec.MAX_MESSAGE_IDS, decoded.control().ihave().get(0).messageIds().size());
            int before = net.node(0).sentTo.get(attacker).size();
            for (int i = 0; i < 20; i++) {
                router.handle(attacker, decoded);
            }
            List<Rpc> replies = net.node(0).sentTo.get(attacker).subList(before,
                    net.node(0).sentTo.get(attacker).size());
            int asked = replies.stream().flatMap(r -> r.control().iwant().stream())
                    .mapToInt(w -> w.messageIds().size()).sum();
            assertEquals(GossipParams.DEFAULTS.maxIHaveLength(), asked, "maxIHaveLength ids asked per heartbeat");
            net.advance(Duration.ofSeconds(1));
        }
        net.advance(Duration.ofSeconds(GossipParams.DEFAULTS.iwantFollowup().toSeconds() + 1));
        assertTrue(router.score(attacker) < 0, "the promises were broken and cost behaviour penalties");
    }

    @Test
    void peerExchangeDialsTheOfferedPeersOnlyFromAWellScoredPruner() {
        PeerId offered = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
        net.advance(Duration.ofSeconds(1));
        router.handle(attacker, new Rpc(List.of(), List.of(), new Rpc.Control(List.of(), List.of(), List.of(),
                List.of(new Rpc.Prune(TOPIC, List.of(new Rpc.PeerExchange(offered.bytes(), null)), 60)))));
        assertEquals(List.of(offered), net.node(0).dialled);
        router.malformed(attacker);
        router.malformed(attacker);
        router.malformed(attacker);
        router.handle(attacker, new Rpc(List.of(), List.of(), new Rpc.Control(List.of(), List.of(), List.of(),
                List.of(new Rpc.Prune(TOPIC, List.of(new Rpc.PeerExchange(offered.bytes(), null)), 60)))));
        assertEquals(1, net.node(0).dialled.size(), "a peer below the PX threshold is not followed");
    }

    @Test
    void aFullMeshPrunesAnInboundGrafterWithPeerExchangeAndBackoff() {
        SimNet big = new SimNet(17, GossipParams.DEFAULTS);
        for (int i = 1; i < 17; i++) {
            if (i <= 9) {
                big.connect(0, i, PeerProtocol.MESHSUB_11);
            } else {
                big.connect(i, 0, PeerProtocol.MESHSUB_11);
            }
        }
        big.nodes.forEach(n -> n.router.join(TOPIC));
        big.pump();
        GossipRouter hub = big.node(0).router;
        for (int i : new int[] {1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15, 16, 7, 8, 9}) {
            hub.handle(big.node(i).id, new Rpc(List.of(), List.of(),
                    new Rpc.Control(List.of(), List.of(), List.of(TOPIC), List.of())));
        }
        assertEquals(15, hub.mesh(TOPIC).size(), "an inbound GRAFT beyond D_hi is refused, outbound ones are taken");
        PeerId refused = big.node(16).id;
        assertFalse(hub.mesh(TOPIC).contains(refused));
        Rpc.Prune prune = big.node(0).sentTo.get(refused).stream().flatMap(r -> r.control().prune().stream())
                .findFirst().orElseThrow();
        assertEquals(60, prune.backoffSeconds());
        assertFalse(prune.peers().isEmpty(), "the PRUNE offers other peers");
        big.advance(Duration.ofSeconds(1));
        assertEquals(GossipParams.DEFAULTS.d(), hub.mesh(TOPIC).size(), "the heartbeat trims the mesh to D");
    }

    @Test
    void aPeerWhoseStreamWeNeverOpenedStaysGraylistedAcrossHeartbeats() {
        SimNet.Node stranger = net.new Node(GossipParams.DEFAULTS, ScoreParams.DEFAULTS, 99);
        Rpc.Message m = signedBy(stranger.key, stranger.id, "unsigned", 1);
        router.handle(stranger.id, Rpc.of(List.of(m.unsigned())));
        net.advance(Duration.ofSeconds(3));
        assertTrue(router.score(stranger.id) < ScoreParams.DEFAULTS.graylistThreshold(),
                "the penalty of a peer known only by its inbound stream is kept until it disconnects");
        router.handle(stranger.id, Rpc.of(List.of(signedBy(stranger.key, stranger.id, "later", 2))));
        assertTrue(net.node(0).delivered.isEmpty());
    }
}
