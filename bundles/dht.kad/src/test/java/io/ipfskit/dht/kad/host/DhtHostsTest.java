package io.ipfskit.dht.kad.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.api.QueryEvent;
import io.ipfskit.dht.kad.api.QueryEventType;
import io.ipfskit.dht.kad.api.QueryListener;
import io.ipfskit.dht.kad.core.KadSettings;
import io.ipfskit.dht.kad.records.IpnsFixtures;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DHT nodes on in-process loopback hosts (TCP, Noise, yamux, identify) talking the real wire protocol. */
class DhtHostsTest {

    private final List<DhtPeer> peers = new ArrayList<>();

    private DhtPeer peer(DhtMode mode) {
        DhtPeer p = new DhtPeer(mode);
        peers.add(p);
        return p;
    }

    @AfterEach
    void close() throws Exception {
        for (DhtPeer p : peers) {
            p.close();
        }
    }

    private static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aProviderOnOneNodeIsFoundByAnotherThroughAThird() throws Exception {
        DhtPeer provider = peer(DhtMode.SERVER);
        DhtPeer middle = peer(DhtMode.SERVER);
        DhtPeer finder = peer(DhtMode.CLIENT);
        provider.connect(middle);
        finder.connect(middle);
        provider.awaitInTable(middle);
        finder.awaitInTable(middle);
        Multihash content = Multihash.sha256("hello dht".getBytes());
        get(provider.node().provide(content, QueryListener.NONE));
        Await.until("the third to hold the record", Duration.ofSeconds(10), () -> middle.store.providers(content.bytes())
                .stream().anyMatch(r -> r.peer().equals(provider.id())));
        assertFalse(provider.hasInTable(finder.id()), "a client is nobody's server");
        assertTrue(finder.store.providers(content.bytes()).isEmpty(), "a client is never told");
        List<PeerInfo> found = new CopyOnWriteArrayList<>();
        get(finder.node().findProviders(content, 1, found::add, QueryListener.NONE));
        assertEquals(List.of(provider.id()), found.stream().map(PeerInfo::peerId).toList());
        assertEquals(provider.test.host.listenAddresses(), found.get(0).addresses());
        assertEquals(provider.test.host.listenAddresses(),
                finder.test.host.peerstore().get(provider.id()).orElseThrow().addresses(), "learned by the peerstore");
        finder.test.host.connect(provider.id(), List.of()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void lookupsConvergeAcrossTenHostsInAChain() throws Exception {
        List<DhtPeer> chain = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            DhtPeer p = peer(DhtMode.SERVER);
            if (!chain.isEmpty()) {
                DhtPeer previous = chain.get(chain.size() - 1);
                p.connect(previous);
                p.awaitInTable(previous);
                previous.awaitInTable(p);
            }
            chain.add(p);
        }
        DhtPeer first = chain.get(0);
        DhtPeer last = chain.get(9);
        Optional<PeerInfo> found = get(first.node().findPeer(last.id(), QueryListener.NONE));
        assertEquals(last.test.host.listenAddresses(), found.orElseThrow().addresses());
        List<QueryEvent> events = new CopyOnWriteArrayList<>();
        List<PeerInfo> closest = get(first.node().closestPeers(Multihash.sha256("k".getBytes()).bytes(), events::add));
        assertEquals(9, closest.size(), "every other node");
        assertTrue(events.stream().anyMatch(e -> e.type() == QueryEventType.SENDING_QUERY));
        assertTrue(events.stream().anyMatch(e -> e.type() == QueryEventType.PEER_RESPONSE));
        assertEquals(9, events.stream().filter(e -> e.type() == QueryEventType.FINAL_PEER).count());
    }

    @Test
    void publicKeyAndIpnsValuesPutOnOneNodeAreGotFromAnother() throws Exception {
        DhtPeer a = peer(DhtMode.SERVER);
        DhtPeer b = peer(DhtMode.SERVER);
        DhtPeer c = peer(DhtMode.SERVER);
        a.connect(b);
        c.connect(b);
        a.awaitInTable(b);
        c.awaitInTable(b);

        IpnsFixtures.Signer rsa = IpnsFixtures.rsa();
        byte[] pkKey = ("/pk/" + new String(rsa.name().bytes(), StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        get(a.node().putValue(pkKey, rsa.publicKey().marshal(), QueryListener.NONE));
        assertArrayEquals(rsa.publicKey().marshal(), get(c.node().getValue(pkKey, QueryListener.NONE)));

        IpnsFixtures.Signer owner = IpnsFixtures.ed25519();
        byte[] name = IpnsFixtures.key(owner.name());
        Instant eol = Instant.now().plus(Duration.ofDays(1));
        byte[] first = IpnsFixtures.record(owner, "/ipfs/first", 1, eol, false);
        byte[] second = IpnsFixtures.record(owner, "/ipfs/second", 2, eol, false);
        get(a.node().putValue(name, first, QueryListener.NONE));
        assertArrayEquals(first, get(c.node().getValue(name, QueryListener.NONE)));
        get(c.node().putValue(name, second, QueryListener.NONE));
        assertArrayEquals(second, get(a.node().getValue(name, QueryListener.NONE)));

        byte[] forged = IpnsFixtures.record(IpnsFixtures.ed25519(), "/ipfs/evil", 9, eol, false);
        ExecutionException refused = assertThrows(ExecutionException.class, () -> get(a.node().putValue(name, forged,
                QueryListener.NONE)));
        assertInstanceOf(IllegalArgumentException.class, refused.getCause());
        byte[] older = IpnsFixtures.record(owner, "/ipfs/first", 1, eol, false);
        assertThrows(ExecutionException.class, () -> get(a.node().putValue(name, older, QueryListener.NONE)));

        byte[] unknown = IpnsFixtures.key(IpnsFixtures.ed25519().name());
        ExecutionException missing = assertThrows(ExecutionException.class, () -> get(c.node().getValue(unknown,
                QueryListener.NONE)));
        assertInstanceOf(NoSuchElementException.class, missing.getCause());
    }

    @Test
    void aClientNeitherAdvertisesTheProtocolNorAnswersNorEntersTables() throws Exception {
        DhtPeer server = peer(DhtMode.SERVER);
        DhtPeer client = peer(DhtMode.CLIENT);
        client.connect(server);
        client.awaitInTable(server);
        assertFalse(client.test.host.protocols().contains(KadSettings.PROTOCOL));
        assertTrue(server.test.host.protocols().contains(KadSettings.PROTOCOL));
        Await.until("the server to identify the client", Duration.ofSeconds(10), () -> server.test.host.peerstore()
                .get(client.id()).map(d -> !d.protocols().isEmpty()).orElse(false));
        assertFalse(server.test.host.peerstore().get(client.id()).orElseThrow().protocols().contains(KadSettings.PROTOCOL));
        HostNetwork raw = new HostNetwork(server.test.host, KadSettings.PROTOCOL, Duration.ofSeconds(5), server.scheduler,
                () -> null);
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(raw.request(client.id(),
                io.ipfskit.dht.kad.wire.KadMessage.request(io.ipfskit.dht.kad.wire.MessageType.FIND_NODE, client.id().bytes()))));
        assertFalse(server.hasInTable(client.id()));
        List<PeerInfo> closest = get(client.node().closestPeers(server.id().bytes(), QueryListener.NONE));
        assertEquals(List.of(server.id()), closest.stream().map(PeerInfo::peerId).toList(), "a client still asks: " + e);
        assertFalse(server.hasInTable(client.id()));
    }
}
