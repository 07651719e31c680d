package io.ipfskit.dht.kad.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.api.QueryEvent;
import io.ipfskit.dht.kad.api.QueryEventType;
import io.ipfskit.dht.kad.core.KadSettings;
import io.ipfskit.dht.kad.records.StoreLimits;
import io.ipfskit.dht.kad.wire.FrameReader;
import io.ipfskit.dht.kad.wire.KadMessage;
import io.ipfskit.dht.kad.wire.MalformedMessageException;
import io.ipfskit.dht.kad.wire.MessageCodec;
import io.ipfskit.dht.kad.wire.MessageType;
import io.ipfskit.dht.kad.wire.WirePeer;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.Collector;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Peers that send garbage, flood, or answer with too many or bogus peers: bounded, refused, and lookups still converge. */
class BadPeerTest {

    private final List<AutoCloseable> closing = new ArrayList<>();

    private <T extends AutoCloseable> T closing(T t) {
        closing.add(t);
        return t;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** A peer serving the DHT protocol itself: an honest answer about itself (so it passes checks), the given one otherwise. */
    private DhtPeer rogue(UnaryOperator<KadMessage> answer) {
        DhtPeer rogue = closing(new DhtPeer(DhtMode.CLIENT));
        rogue.test.host.addProtocolHandler(new ProtocolHandler() {
            @Override
            public String protocolId() {
                return KadSettings.PROTOCOL;
            }

            @Override
            public StreamListener accept(Stream stream) {
                FrameReader frames = new FrameReader();
                return new StreamListener() {
                    @Override
                    public void onData(byte[] data) {
                        try {
                            frames.feed(data, body -> {
                                try {
                                    KadMessage request = MessageCodec.decode(body);
                                    boolean aboutItself = Arrays.equals(request.key(), rogue.id().bytes());
                                    KadMessage reply = aboutItself ? request.answer(null, List.of(WirePeer.of(rogue.id(),
                                            rogue.test.host.listenAddresses())), List.of()) : answer.apply(request);
                                    stream.write(MessageCodec.frame(reply));
                                } catch (MalformedMessageException e) {
                                    stream.reset();
                                }
                            });
                        } catch (MalformedMessageException e) {
                            stream.reset();
                        }
                    }

                    @Override
                    public void onRemoteClose() {
                        stream.closeWrite();
                    }
                };
            }
        });
        return rogue;
    }

    private static PeerId randomPeer() {
        return PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aPeerAnsweringTenThousandCloserPeersIsIgnoredAndTheLookupConverges() throws Exception {
        List<WirePeer> flood = new ArrayList<>();
        Multiaddr somewhere = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + closedPort());
        for (int i = 0; i < 10_000; i++) {
            flood.add(WirePeer.of(randomPeer(), List.of(somewhere)));
        }
        DhtPeer rogue = rogue(request -> request.answer(null, flood, List.of()));
        DhtPeer asker = closing(new DhtPeer(DhtMode.SERVER));
        DhtPeer honest = closing(new DhtPeer(DhtMode.SERVER));
        asker.connect(rogue);
        asker.connect(honest);
        asker.awaitInTable(rogue);
        asker.awaitInTable(honest);
        List<QueryEvent> events = new CopyOnWriteArrayList<>();
        List<PeerInfo> closest = get(asker.node().closestPeers(Multihash.sha256("x".getBytes()).bytes(), events::add));
        assertEquals(List.of(honest.id()), closest.stream().map(PeerInfo::peerId).toList());
        assertTrue(events.stream().anyMatch(e -> e.type() == QueryEventType.QUERY_ERROR && rogue.id().equals(e.peer())
                && e.extra().contains("closer peers")), events.toString());
    }

    @Test
    void closerPeersAtAddressesWhereNobodyListensDoNotStopTheLookup() throws Exception {
        List<WirePeer> ghosts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ghosts.add(WirePeer.of(randomPeer(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + closedPort()))));
        }
        DhtPeer rogue = rogue(request -> request.answer(null, ghosts, List.of()));
        DhtPeer asker = closing(new DhtPeer(DhtMode.SERVER));
        DhtPeer honest = closing(new DhtPeer(DhtMode.SERVER));
        asker.connect(rogue);
        asker.connect(honest);
        asker.awaitInTable(rogue);
        asker.awaitInTable(honest);
        List<PeerInfo> closest = get(asker.node().closestPeers(Multihash.sha256("y".getBytes()).bytes(), e -> { }));
        assertEquals(Set.of(honest.id(), rogue.id()), closest.stream().map(PeerInfo::peerId).collect(Collectors.toSet()),
                "the ghosts never answered");
        assertTrue(ghosts.stream().noneMatch(g -> asker.hasInTable(g.id())));
    }

    @Test
    void garbageOnAServerStreamResetsIt() throws Exception {
        DhtPeer server = closing(new DhtPeer(DhtMode.SERVER));
        DhtPeer sender = closing(new DhtPeer(DhtMode.CLIENT));
        sender.connect(server);
        Collector answer = new Collector();
        Stream stream = get(sender.test.host.newStream(server.id(), List.of(KadSettings.PROTOCOL), s -> answer));
        stream.write(new byte[] {3, 0x0a, 0x01, 0x00});
        ExecutionException reset = assertThrows(ExecutionException.class, () -> answer.closed.get(10, TimeUnit.SECONDS));
        assertTrue(reset.getCause().getMessage().contains("reset"));
    }

    @Test
    void anAddProviderFloodForRandomKeysIsCutOffAtThePeersShare() throws Exception {
        DhtPeer server = closing(new DhtPeer(DhtMode.SERVER, StoreLimits.of(NodeRole.WORKER).withBounds(20, 50, 10,
                16 * 1024, 1 << 20)));
        DhtPeer flooder = closing(new DhtPeer(DhtMode.CLIENT));
        flooder.connect(server);
        Collector answer = new Collector();
        Stream stream = get(flooder.test.host.newStream(server.id(), List.of(KadSettings.PROTOCOL), s -> answer));
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            frames.writeBytes(MessageCodec.frame(new KadMessage(MessageType.ADD_PROVIDER, 0,
                    Multihash.sha256(("random " + i).getBytes()).bytes(), null, List.of(),
                    List.of(WirePeer.of(flooder.id(), flooder.test.host.listenAddresses())))));
        }
        stream.write(frames.toByteArray());
        ExecutionException reset = assertThrows(ExecutionException.class, () -> answer.closed.get(10, TimeUnit.SECONDS));
        assertInstanceOf(java.io.IOException.class, reset.getCause());
        Await.until("the server to settle", Duration.ofSeconds(5), () -> server.store.providerRecords() == 50);
        assertEquals(50, server.store.providerRecords());
    }
}
