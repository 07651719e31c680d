package io.ipfskit.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Direction;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.itests.support.JsPeer;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.plugin.echo.EchoProtocol;
import io.ipfskit.protocol.identify.IdentifyHandler;
import io.ipfskit.protocol.identify.IdentifyPushHandler;
import io.ipfskit.protocol.identify.IdentifyService;
import io.ipfskit.protocol.ping.PingHandler;
import io.ipfskit.protocol.ping.PingService;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.Collector;
import io.ipfskit.testkit.TestHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our host and a js-libp2p 2.8 peer (TCP + Noise + yamux) on loopback: each direction connects, identifies, pings,
 * echoes; both sides agree on the security and muxer. A subclass changes the security channel through the hooks.
 */
class JsLibp2pInteropTest {

    private static final String ECHO = "/test/echo/1.0.0";

    private TestHost java;
    private IdentifyService identify;
    private JsPeer js;

    /** Our host: TCP, Noise, yamux. */
    TestHost javaHost() {
        return new TestHost();
    }

    /** The js peer: TCP, Noise, yamux. */
    JsPeer jsPeer() throws Exception {
        return new JsPeer();
    }

    /** The security protocol both sides must have agreed on. */
    String security() {
        return "/noise";
    }

    /** The muxer both sides must have agreed on. */
    String muxer() {
        return "/yamux/1.0.0";
    }

    /** How js-libp2p names the connection's security and muxer: as we do, unless the transport provides both. */
    List<String> jsSecurityAndMuxer() {
        return List.of(security(), muxer());
    }

    @BeforeEach
    void start() throws Exception {
        java = javaHost();
        identify = new IdentifyService(java.host, java.node);
        java.host.addProtocolHandler(new IdentifyHandler(identify));
        java.host.addProtocolHandler(new IdentifyPushHandler(identify));
        java.host.addProtocolHandler(new PingHandler());
        java.host.addProtocolHandler(new EchoProtocol(ECHO));
        js = jsPeer();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            js.close();
        } finally {
            java.close();
        }
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Our view of the js peer, after identify. */
    private void assertWeIdentifiedJs(PeerData seen) {
        assertTrue(seen.protocols().containsAll(Set.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", ECHO)), seen.protocols().toString());
        assertTrue(seen.agentVersion().startsWith("js-libp2p/"), seen.agentVersion());
        assertEquals(PeerId.parse(js.peerId), PeerId.fromPublicKey(seen.publicKey()));
        assertTrue(seen.addresses().contains(Multiaddr.parse(js.address).withoutPeerId()), seen.addresses().toString());
    }

    /** The js peer's view of us, from its identify of us. */
    private void assertJsIdentifiedUs() throws Exception {
        JsonNode id = js.call("identify", Map.of("peer", java.node.peerId().toString()));
        assertEquals(new TreeSet<>(java.host.protocols()), strings(id.get("protocols")));
        assertEquals("ipfs-kit/test", id.get("agentVersion").asText());
        assertEquals(IdentifyService.PROTOCOL_VERSION, id.get("protocolVersion").asText());
        Set<String> ours = new TreeSet<>();
        java.host.listenAddresses().forEach(a -> ours.add(a.toString()));
        assertEquals(ours, strings(id.get("listenAddrs")));
        assertEquals(ours, strings(id.get("signedPeerRecord")), "js verified our signed peer record");
        JsonNode stored = js.call("peer", Map.of("peer", java.node.peerId().toString()));
        assertEquals("ipfs-kit/test", stored.get("agentVersion").asText());
    }

    /** Both ends name the expected security protocol and muxer for their connection. */
    private void assertAgreedOnSecurityAndMuxer(Connection ours) throws Exception {
        assertEquals(security(), ours.security());
        assertEquals(muxer(), ours.muxer());
        JsonNode theirs = js.call("connection", Map.of("peer", java.node.peerId().toString()));
        assertEquals(jsSecurityAndMuxer(), List.of(theirs.get("encryption").asText(), theirs.get("multiplexer").asText()));
    }

    private String echoFromJava(PeerId remote, String text) throws Exception {
        Collector collector = new Collector();
        Stream stream = await(java.host.newStream(remote, List.of(ECHO), s -> collector));
        await(stream.write(text.getBytes()));
        stream.closeWrite();
        return new String(collector.closed.get(20, TimeUnit.SECONDS));
    }

    @Test
    void javaDialsJs() throws Exception {
        PeerId jsPeer = PeerId.parse(js.peerId);
        Connection c = await(java.host.connect(Multiaddr.parse(js.address)));
        assertEquals(jsPeer, c.remotePeer());
        assertEquals(Direction.OUTBOUND, c.direction());
        assertAgreedOnSecurityAndMuxer(c);

        assertWeIdentifiedJs(await(identify.identify(jsPeer)));
        assertJsIdentifiedUs();

        Duration rtt = await(new PingService(java.host).ping(jsPeer));
        assertTrue(rtt.compareTo(Duration.ZERO) > 0);

        assertEquals("hello js", echoFromJava(jsPeer, "hello js"));
        String big = "x".repeat(700_000);
        assertEquals(big, echoFromJava(jsPeer, big));
        assertEquals(1, java.host.connections().size(), java.host.connections().toString());
    }

    @Test
    void jsDialsJava() throws Exception {
        PeerId jsPeer = PeerId.parse(js.peerId);
        JsonNode dialled = js.call("dial", Map.of("addr", java.address().toString()));
        assertEquals(java.node.peerId().toString(), dialled.get("remotePeer").asText());
        Await.until("the inbound connection from js", Duration.ofSeconds(20),
                () -> java.host.connections().stream().anyMatch(c -> c.remotePeer().equals(jsPeer)));
        assertEquals(Direction.INBOUND, java.host.connections().get(0).direction());
        assertAgreedOnSecurityAndMuxer(java.host.connections().get(0));

        assertJsIdentifiedUs();
        Await.until("our automatic identify of js", Duration.ofSeconds(20),
                () -> java.host.peerstore().get(jsPeer).map(d -> d.agentVersion() != null).orElse(false));
        assertWeIdentifiedJs(java.host.peerstore().get(jsPeer).orElseThrow());

        JsonNode ping = js.call("ping", Map.of("addr", java.address().toString()));
        assertTrue(ping.get("rtt").asDouble() >= 0);

        assertEquals("hello java", js.call("echo", Map.of("addr", java.address().toString(), "data", "hello java"))
                .get("data").asText());
        String big = "y".repeat(500_000);
        assertEquals(big, js.call("echo", Map.of("addr", java.address().toString(), "data", big)).get("data").asText());
    }
}
