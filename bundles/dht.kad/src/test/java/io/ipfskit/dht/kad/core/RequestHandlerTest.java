package io.ipfskit.dht.kad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.records.IpnsFixtures;
import io.ipfskit.dht.kad.records.RecordStore;
import io.ipfskit.dht.kad.records.StoreLimits;
import io.ipfskit.dht.kad.records.Validators;
import io.ipfskit.dht.kad.sim.EventLoop;
import io.ipfskit.dht.kad.wire.KadMessage;
import io.ipfskit.dht.kad.wire.MessageType;
import io.ipfskit.dht.kad.wire.WirePeer;
import io.ipfskit.dht.kad.wire.WireRecord;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server side: what each request gets, and what is refused. */
class RequestHandlerTest {

    private static final List<Multiaddr> OWN = List.of(Multiaddr.parse("/ip4/9.9.9.9/tcp/4001"));

    private final EventLoop clock = new EventLoop(Instant.parse("2026-11-29T12:00:00Z").toEpochMilli());
    private final PeerId self = peer();
    private final StubNetwork network = new StubNetwork(OWN);
    private final RecordStore store = store();
    private final KadNode node = node(DhtMode.SERVER, store);

    private RecordStore store() {
        try {
            return new RecordStore(StoreLimits.of(NodeRole.WORKER).withBounds(20, 50, 10, 16 * 1024, 1 << 20), clock::now,
                    null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private KadNode node(DhtMode mode, RecordStore records) {
        return new KadNode(self, KadSettings.wan(mode, false), network, records, new Validators(p -> Optional.empty()), clock);
    }

    private static PeerId peer() {
        return PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
    }

    private static List<Multiaddr> address(int i) {
        return List.of(Multiaddr.parse("/ip4/" + (11 + i) + ".1.2.3/tcp/4001"));
    }

    /** Puts peers into the routing table as connections do: identified as DHT servers, then answering a FIND_NODE. */
    private List<PeerId> table(int n) {
        List<PeerId> peers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PeerId p = peer();
            network.learn(p, address(i));
            peers.add(p);
            node.peerConnected(p);
        }
        clock.runFor(Duration.ofMillis(1));
        return peers;
    }

    @Test
    void findNodeAnswersTheKClosestWithoutTheAskerAndNamesTheTargetFirst() throws Exception {
        List<PeerId> peers = table(40);
        PeerId asker = peers.get(0);
        PeerId target = peers.get(1);
        KadMessage answer = node.handle(asker, KadMessage.request(MessageType.FIND_NODE, target.bytes()));
        assertEquals(target, answer.closerPeers().get(0).id());
        assertEquals(address(1), answer.closerPeers().get(0).addresses());
        assertTrue(answer.closerPeers().size() <= 21);
        assertFalse(answer.closerPeers().stream().anyMatch(p -> p.id().equals(asker) || p.id().equals(self)));
        KadMessage aboutUs = node.handle(asker, KadMessage.request(MessageType.FIND_NODE, self.bytes()));
        assertEquals(new WirePeer(self, OWN, aboutUs.closerPeers().get(0).connection()), aboutUs.closerPeers().get(0));
    }

    @Test
    void addProviderStoresOnlyTheSenderItself() throws Exception {
        PeerId sender = peer();
        PeerId other = peer();
        byte[] key = Multihash.sha256("content".getBytes()).bytes();
        KadMessage forged = new KadMessage(MessageType.ADD_PROVIDER, 0, key, null, List.of(),
                List.of(WirePeer.of(other, address(1))));
        assertNull(node.handle(sender, forged));
        assertEquals(List.of(), store.providers(key));
        KadMessage honest = new KadMessage(MessageType.ADD_PROVIDER, 0, key, null, List.of(),
                List.of(WirePeer.of(sender, address(2))));
        assertNull(node.handle(sender, honest));
        assertEquals(List.of(new RecordStore.Provider(sender, address(2))), store.providers(key));
        KadMessage answer = node.handle(other, KadMessage.request(MessageType.GET_PROVIDERS, key));
        assertEquals(List.of(WirePeer.of(sender, address(2))), answer.providerPeers());
        assertArrayEquals(key, answer.key());
    }

    @Test
    void addProviderKeepsOnlyTheAddressesThePublicDhtKeeps() throws Exception {
        PeerId sender = peer();
        byte[] key = Multihash.sha256("content".getBytes()).bytes();
        List<Multiaddr> mixed = List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/1"), Multiaddr.parse("/ip4/192.168.1.2/tcp/1"),
                Multiaddr.parse("/ip4/8.8.8.8/tcp/1"));
        node.handle(sender, new KadMessage(MessageType.ADD_PROVIDER, 0, key, null, List.of(), List.of(WirePeer.of(sender, mixed))));
        assertEquals(List.of(Multiaddr.parse("/ip4/8.8.8.8/tcp/1")), store.providers(key).get(0).addresses());
    }

    @Test
    void aPeerFloodingAddProviderIsRefusedOnceOverItsShare() throws Exception {
        PeerId flooder = peer();
        RequestRefusedException refused = null;
        int stored = 0;
        for (int i = 0; i < 10_000 && refused == null; i++) {
            byte[] key = Multihash.sha256(("random " + i).getBytes()).bytes();
            try {
                node.handle(flooder, new KadMessage(MessageType.ADD_PROVIDER, 0, key, null, List.of(),
                        List.of(WirePeer.of(flooder, address(0)))));
                stored++;
            } catch (RequestRefusedException e) {
                refused = e;
            }
        }
        assertEquals(50, stored);
        assertTrue(refused.getMessage().contains("share"));
    }

    @Test
    void providerKeysOver80BytesAndMissingKeysAreRefused() {
        assertThrows(RequestRefusedException.class,
                () -> node.handle(peer(), KadMessage.request(MessageType.GET_PROVIDERS, new byte[81])));
        assertThrows(RequestRefusedException.class, () -> node.handle(peer(), KadMessage.request(MessageType.FIND_NODE, null)));
    }

    @Test
    void putValueStoresAValidRecordEchoesItAndGetValueReturnsIt() throws Exception {
        IpnsFixtures.Signer s = IpnsFixtures.ed25519();
        byte[] key = IpnsFixtures.key(s.name());
        byte[] value = IpnsFixtures.record(s, "/ipfs/v1", 1, Instant.now().plus(Duration.ofDays(1)), false);
        KadMessage put = new KadMessage(MessageType.PUT_VALUE, 0, key, new WireRecord(key, value, ""),
                List.of(WirePeer.of(peer(), address(3))), List.of());
        KadMessage echo = node.handle(peer(), put);
        assertArrayEquals(value, echo.record().value());
        assertEquals(List.of(), echo.closerPeers(), "echoed without the peers the request carried");
        KadMessage got = node.handle(peer(), KadMessage.request(MessageType.GET_VALUE, key));
        assertArrayEquals(value, got.record().value());
        assertFalse(got.record().timeReceived().isEmpty());
    }

    @Test
    void forgedOlderAndMismatchedValuesAreRefused() throws Exception {
        IpnsFixtures.Signer s = IpnsFixtures.ed25519();
        byte[] key = IpnsFixtures.key(s.name());
        Instant eol = Instant.now().plus(Duration.ofDays(1));
        byte[] seq5 = IpnsFixtures.record(s, "/ipfs/v5", 5, eol, false);
        node.handle(peer(), new KadMessage(MessageType.PUT_VALUE, 0, key, new WireRecord(key, seq5, ""), List.of(), List.of()));
        byte[] forged = IpnsFixtures.record(IpnsFixtures.ed25519(), "/ipfs/evil", 9, eol, false);
        byte[] older = IpnsFixtures.record(s, "/ipfs/v4", 4, eol, false);
        for (byte[] bad : List.of(forged, older)) {
            assertThrows(RequestRefusedException.class, () -> node.handle(peer(),
                    new KadMessage(MessageType.PUT_VALUE, 0, key, new WireRecord(key, bad, ""), List.of(), List.of())));
        }
        assertThrows(RequestRefusedException.class, () -> node.handle(peer(), new KadMessage(MessageType.PUT_VALUE, 0,
                key, new WireRecord("/ipns/other".getBytes(), seq5, ""), List.of(), List.of())));
        assertArrayEquals(seq5, store.value(key).orElseThrow().value());
    }

    @Test
    void anIpnsRecordThatExpiredIsNoLongerServed() throws Exception {
        IpnsFixtures.Signer s = IpnsFixtures.ed25519();
        byte[] key = IpnsFixtures.key(s.name());
        Instant eol = Instant.ofEpochMilli(clock.now()).plus(Duration.ofHours(1));
        byte[] value = IpnsFixtures.record(s, "/ipfs/v1", 1, eol, false);
        node.handle(peer(), new KadMessage(MessageType.PUT_VALUE, 0, key, new WireRecord(key, value, ""), List.of(), List.of()));
        clock.runFor(Duration.ofHours(2));
        assertNull(node.handle(peer(), KadMessage.request(MessageType.GET_VALUE, key)).record());
        assertTrue(store.value(key).isEmpty());
    }

    @Test
    void aClientAnswersNothing() throws Exception {
        KadNode client = node(DhtMode.CLIENT, store());
        for (MessageType type : MessageType.values()) {
            assertThrows(RequestRefusedException.class, () -> client.handle(peer(), KadMessage.request(type, "k".getBytes())));
        }
    }

    @Test
    void aServerTurnedClientAnswersNothingAndServesAgainWhenTurnedBack() throws Exception {
        KadMessage ping = KadMessage.request(MessageType.PING, null);
        assertTrue(node.handle(peer(), ping) != null, "a server answers");
        node.mode(DhtMode.CLIENT);
        assertEquals(DhtMode.CLIENT, node.routingTable().mode());
        assertThrows(RequestRefusedException.class, () -> node.handle(peer(), ping));
        node.mode(DhtMode.SERVER);
        assertTrue(node.handle(peer(), ping) != null, "served again");
    }
}
