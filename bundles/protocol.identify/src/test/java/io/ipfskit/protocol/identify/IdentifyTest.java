package io.ipfskit.protocol.identify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.PeerData;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.plugin.echo.EchoProtocol;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.TestHost;
import io.ipfskit.testkit.TestNode;
import io.ipfskit.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdentifyTest {

    private final TestHost a = new TestHost();
    private final TestHost b = new TestHost();
    private final IdentifyService idA = install(a);
    private final IdentifyService idB = install(b);

    private static IdentifyService install(TestHost t) {
        IdentifyService service = new IdentifyService(t.host, t.node);
        t.host.addProtocolHandler(new IdentifyHandler(service));
        t.host.addProtocolHandler(new IdentifyPushHandler(service));
        return service;
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void eachSideLearnsTheOthersKeyAgentAddressesAndExactProtocols() throws Exception {
        b.host.addProtocolHandler(new EchoProtocol("/test/echo/1.0.0"));
        a.host.connect(b.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        PeerData seenByA = idA.identify(b.node.peerId()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(Set.of("/ipfs/id/1.0.0", "/ipfs/id/push/1.0.0", "/test/echo/1.0.0"), seenByA.protocols());
        assertEquals("ipfs-kit/test", seenByA.agentVersion());
        assertEquals(IdentifyService.PROTOCOL_VERSION, seenByA.protocolVersion());
        assertEquals(b.node.publicKey(), seenByA.publicKey());
        assertEquals(b.host.listenAddresses(), seenByA.addresses());
        Await.until("b to identify a on connect", Duration.ofSeconds(10),
                () -> b.host.peerstore().get(a.node.peerId()).map(d -> !d.protocols().isEmpty()).orElse(false));
        assertEquals(a.host.protocols(), b.host.peerstore().get(a.node.peerId()).orElseThrow().protocols());
    }

    @Test
    void theListenerKeepsTheAddressTheDiallerObservesOfItsListenPort() throws Exception {
        a.host.connect(b.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        // a's side of the upgrade may end before b has the inbound connection to open a stream on
        Await.until("b to hold a's connection", Duration.ofSeconds(10), () -> b.host.connections().stream()
                .anyMatch(c -> c.remotePeer().equals(a.node.peerId())));
        idB.identify(a.node.peerId()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(b.host.listenAddresses(), idB.observedAddresses());
    }

    @Test
    void aNewProtocolIsPushedToConnectedPeers() throws Exception {
        a.host.connect(b.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        idA.identify(b.node.peerId()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        b.host.addProtocolHandler(new EchoProtocol("/test/new/1.0.0"));
        Await.until("the push to reach a", Duration.ofSeconds(10), () -> a.host.peerstore().get(b.node.peerId())
                .map(d -> d.protocols().contains("/test/new/1.0.0")).orElse(false));
    }

    @Test
    void listenAddressesThatComeAndGoArePushedToConnectedPeers() throws Exception {
        a.host.connect(b.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        idA.identify(b.node.peerId()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        TcpTransport second = new TcpTransport(1, 16);
        try {
            b.host.addTransport(second);
            assertEquals(2, b.host.listenAddresses().size(), "b listens on a second port");
            Await.until("a to hear of b's second address", Duration.ofSeconds(10), () -> addressesOfB().size() == 2);
            b.host.removeTransport(second);
            Await.until("a to hear that it went", Duration.ofSeconds(10),
                    () -> addressesOfB().equals(b.host.listenAddresses()));
            assertEquals(1, a.host.connections().size(), "the connection through the first transport stays");
        } finally {
            second.close();
        }
    }

    @Test
    void aSignedRecordWithoutAddressesClearsThemWhereAPlainPushWouldNot() throws Exception {
        a.host.connect(b.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        idA.identify(b.node.peerId()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        byte[] unsigned = new IdentifyMessage(null, List.of(), List.of(), null, null, null, null).encode();
        idA.learn(b.node.peerId(), unsigned, true);
        assertEquals(b.host.listenAddresses(), addressesOfB(), "a push without a record leaves the addresses");
        byte[] signed = new IdentifyMessage(null, List.of(), List.of(), null, null, null,
                PeerRecords.seal(b.node, System.currentTimeMillis() + 60_000, List.of())).encode();
        idA.learn(b.node.peerId(), signed, true);
        assertEquals(List.of(), addressesOfB(), "b's record says it listens nowhere now");
    }

    @Test
    void aPushOlderThanOneAppliedIsIgnored() throws Exception {
        a.host.connect(b.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        idA.identify(b.node.peerId()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        long later = System.currentTimeMillis() + 60_000;
        byte[] newer = new IdentifyMessage(null, List.of(), List.of("/test/newer/1.0.0"), null, null, null,
                PeerRecords.seal(b.node, later + 1, b.host.listenAddresses())).encode();
        byte[] older = new IdentifyMessage(null, List.of(), List.of("/test/older/1.0.0"), null, null, null,
                PeerRecords.seal(b.node, later, b.host.listenAddresses())).encode();
        idA.learn(b.node.peerId(), newer, true);
        idA.learn(b.node.peerId(), older, true);
        assertEquals(Set.of("/test/newer/1.0.0"), a.host.peerstore().get(b.node.peerId()).orElseThrow().protocols(),
                "the older push arrived last but says less than the newer one");
    }

        private List<Multiaddr> addressesOfB() {
        return a.host.peerstore().get(b.node.peerId()).map(PeerData::addresses).orElse(List.of());
    }

    @Test
    void aSignedPeerRecordJsLibp2pSealedOpens() {
        // @libp2p/peer-record 2.x: RecordEnvelope.seal(new PeerRecord({peerId, multiaddrs: [/ip4/127.0.0.1/tcp/4001],
        // seqNumber: 42n}), key) with the Ed25519 key of the seed 32 × 0x07; its payload type is the bytes 03 01.
        byte[] js = java.util.HexFormat.of().parseHex("0a2408011220ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea"
                + "691446d22c120203011a360a26002408011220ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c102a1a"
                + "0a0a08047f000001060fa12a40ce5b26d496dc107e7f202ac5600fc1e81860e0b90a8437fb81c78cc484248770fa6962427b3ba8ba1f"
                + "2bb710003f97ddc7823b0b43d9ea7f5877600eddeee609");
        PeerRecords.Verified record = PeerRecords.open(js).orElseThrow();
        assertEquals(PeerId.parse("12D3KooWRawPbxPtP1eZaJpumGnyWX2DcUyd3RQnydr3eAto4Az7"), record.peer());
        assertEquals(42, record.seq());
        assertEquals(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001")), record.addresses());
    }

    @Test
    void signedPeerRecordsVerifyAndForgeriesDoNot() {
        TestNode node = new TestNode();
        List<Multiaddr> addresses = List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"));
        byte[] envelope = PeerRecords.seal(node, 7, addresses);
        PeerRecords.Verified verified = PeerRecords.open(envelope).orElseThrow();
        assertEquals(node.peerId(), verified.peer());
        assertEquals(addresses, verified.addresses());
        envelope[envelope.length - 1] ^= 1;
        assertTrue(PeerRecords.open(envelope).isEmpty());
    }
}
