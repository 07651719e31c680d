package io.ipfskit.itests.platform;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.api.discovery.ContentRouter;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.api.node.RuntimeProperties;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * What a user expects of each kind of bundle when it stops and starts with a peer connected: a transport's addresses
 * leave identify (pushed to the peer) and its connections close; with yamux stopped new connections negotiate mplex;
 * with Noise stopped new connections fail clearly; a stopped Bitswap fails pending fetches and cancels its wants; the
 * routing manager drops and adds a router. Bundles are stopped and started through the shell's Gogo and RPC commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SwapBehaviourIT extends FullNodeTestSupport {

    private static final String YAMUX = "/yamux/1.0.0";
    private static final String MPLEX = "/mplex/6.7.0";
    private static final String NOISE = "/noise";
    private static final String TLS = "/tls/1.0.0";
    private static final String QUIC = "quic-v1";

    private String us;

    @Before
    public void wholeAndConnected() throws Exception {
        for (org.osgi.framework.Bundle bundle : ourBundles()) {
            if (bundle.getState() != org.osgi.framework.Bundle.ACTIVE) {
                bundle.start();
            }
        }
        awaitThat("the node to be whole (down: " + notUp() + ")", SETTLE, this::whole);
        connectPeer();
        us = call("id").json().get("ID").asText();
    }

    @Test
    public void aLeavingTransportTakesItsAddressesOutOfIdentifyAtThePeerAndClosesItsConnections() throws Exception {
        Multiaddr configured = Multiaddr.parse(context.getProperty("ipfskit.swarm"));
        SecondTransport second = new SecondTransport(configured);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Transport.PROTOCOL, "tcp");
        ServiceRegistration<Transport> registration = context.registerService(Transport.class, second, properties);
        try {
            awaitThat("a second listen address", SETTLE, () -> ourAddresses().size() == 2);
            String secondAddress = ourAddresses().stream().filter(a -> !a.equals(configured.toString())).findFirst().orElseThrow();
            awaitThat("the peer to hear of both addresses", SETTLE, () -> addressesSeenByPeer().equals(ourAddresses()));

            call("swarm/disconnect", peer().address).json();
            peer().call("swarm/connect?arg=" + secondAddress + "/p2p/" + us);
            assertEquals("gogo", "io.ipfskit.transport.tcp Resolved", gogo("ipfs:stop io.ipfskit.transport.tcp"));
            awaitThat("our addresses to be the second transport's only", SETTLE, () -> ourAddresses().equals(Set.of(secondAddress)));
            awaitClean("the peer, connected through the second transport, to hear that the TCP address left", SETTLE,
                    () -> addressesSeenByPeer().equals(Set.of(secondAddress)) ? null : "the peer's view of us "
                            + peer().call("id?arg=" + us) + "; ours " + call("id").json() + "; the peer's connections "
                            + peer().call("swarm/peers") + "; ours " + connectionsToPeer());
            assertTrue("the connection through the other transport stays", peerSees(us));

            assertEquals("io.ipfskit.transport.tcp Active", gogo("ipfs:start io.ipfskit.transport.tcp"));
            awaitThat("the TCP address back on its configured port", SETTLE,
                    () -> ourAddresses().equals(Set.of(configured.toString(), secondAddress)));
            awaitThat("the peer to hear of it", SETTLE, () -> addressesSeenByPeer().equals(ourAddresses()));
        } finally {
            registration.unregister();
            second.close();
        }
        awaitThat("the second transport's address to leave", SETTLE, () -> ourAddresses().equals(Set.of(configured.toString())));
        awaitThat("its connection to close on both sides", SETTLE, () -> !peerSees(us) && connectionsToPeer().isEmpty());
        connectPeer();
        fetchFromPeer(11);
    }

    @Test
    public void withQuicStoppedPeersStayOnTcpAndStartingItBringsQuicBack() throws Exception {
        try (PeerDaemon both = PeerDaemon.start("/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1/udp/0/quic-v1")) {
            String quicAddress = null;
            for (JsonNode address : both.call("id").path("Addresses")) {
                if (address.asText().contains("/quic-v1/")) {
                    quicAddress = address.asText();
                }
            }
            assertTrue("the peer listens on QUIC: " + both.call("id"), quicAddress != null);
            call("swarm/connect", quicAddress).json();
            assertEquals(Set.of(QUIC), transportsTo(both.peerId));

            assertEquals("io.ipfskit.transport.quic Resolved", gogo("ipfs:stop io.ipfskit.transport.quic"));
            awaitThat("the QUIC connection to close", SETTLE, () -> !transportsTo(both.peerId).contains(QUIC));
            call("swarm/connect", both.address).json();
            assertEquals("a new connection negotiates TCP", Set.of(YAMUX), transportsTo(both.peerId));

            assertEquals("io.ipfskit.transport.quic Active", gogo("ipfs:start io.ipfskit.transport.quic"));
            call("swarm/disconnect", both.address).json();
            awaitThat("the TCP connection to close", SETTLE, () -> !transportsTo(both.peerId).contains(YAMUX));
            call("swarm/connect", both.address).json();
            assertEquals("given the TCP address, the dial takes the QUIC one it knows first", Set.of(QUIC),
                    transportsTo(both.peerId));
        }
    }

    /** The muxers of our connections to a peer ({@code quic-v1} for QUIC's own streams). */
    private Set<String> transportsTo(String peerId) {
        Set<String> out = new TreeSet<>();
        host().ifPresent(h -> h.connections().stream().filter(c -> c.remotePeer().toBase58().equals(peerId))
                .map(Connection::muxer).forEach(out::add));
        return out;
    }

    @Test
    public void withYamuxStoppedItsConnectionsCloseAndNewOnesNegotiateMplex() throws Exception {
        assertEquals(Set.of(YAMUX), muxers());
        assertEquals("Resolved", call("bundle/stop", "io.ipfskit.muxer.yamux").json().path("State").asText());
        // Discovery may dial the peer again at once; what must be gone is every yamux connection, on both sides.
        awaitThat("the yamux connection to close on both sides", SETTLE,
                () -> !muxers().contains(YAMUX) && !peerHasToUs(YAMUX));
        call("swarm/connect", peer().address).json();
        assertEquals("a new connection negotiates mplex", Set.of(MPLEX), muxers());
        assertEquals("the peer agrees", MPLEX, peerEntry().path("Muxer").asText());
        fetchFromPeer(21);

        assertEquals("Active", call("bundle/start", "io.ipfskit.muxer.yamux").json().path("State").asText());
        assertEquals("an mplex connection stays when yamux returns", Set.of(MPLEX), muxers());
        call("swarm/disconnect", peer().address).json();
        // As above, discovery may dial again at once (with yamux back, over yamux): the mplex connection must go.
        awaitThat("the mplex connection to close on both sides", SETTLE,
                () -> !muxers().contains(MPLEX) && !peerHasToUs(MPLEX));
        call("swarm/connect", peer().address).json();
        assertEquals("new connections take yamux again", Set.of(YAMUX), muxers());
    }

    @Test
    public void withNoiseStoppedNewConnectionsTakeTlsAndWithNeitherTheyFailClearly() throws Exception {
        String ourAddress = ourAddresses().iterator().next() + "/p2p/" + us;
        assertEquals(Set.of(NOISE), securities());
        assertEquals("io.ipfskit.security.noise Resolved", gogo("ipfs:stop io.ipfskit.security.noise"));
        awaitThat("the Noise connection to close on both sides", SETTLE, () -> !peerSees(us) && connectionsToPeer().isEmpty());
        call("swarm/connect", peer().address).json();
        assertEquals("a new connection negotiates TLS", Set.of(TLS), securities());
        awaitThat("the peer to see the TLS connection", SETTLE, () -> peerSees(us));
        assertEquals("the peer agrees", TLS, peerEntry().path("Security").asText());
        fetchFromPeer(31);

        assertEquals("io.ipfskit.security.tls Resolved", gogo("ipfs:stop io.ipfskit.security.tls"));
        awaitThat("the TLS connection to close on both sides", SETTLE, () -> !peerSees(us) && connectionsToPeer().isEmpty());
        InProcessRpc.Reply dial = call("swarm/connect", peer().address);
        assertFalse("dialling without a security channel fails", dial.ok());
        assertTrue(dial.error(), dial.error().contains("no security channel"));
        PeerDaemon.Reply dialled = peer().post("swarm/connect?arg=" + ourAddress, null);
        assertTrue("the peer's dial is refused with a clear error: " + dialled, dialled.status() >= 400
                && dialled.text().contains("the remote closed the connection during protocol negotiation"));

        assertEquals("io.ipfskit.security.tls Active", gogo("ipfs:start io.ipfskit.security.tls"));
        assertEquals("io.ipfskit.security.noise Active", gogo("ipfs:start io.ipfskit.security.noise"));
        assertTrue("the peer can dial us again", peer().post("swarm/connect?arg=" + ourAddress, null).status() == 200);
        awaitThat("the connection to be up on both sides", SETTLE, () -> peerSees(us) && !connectionsToPeer().isEmpty());
        assertEquals("Noise is first again", Set.of(NOISE), securities());
        fetchFromPeer(32);
    }

    @Test
    public void bitswapStoppedFailsPendingFetchesCancelsItsWantsAndLeavesIdentify() throws Exception {
        String missing = content(41).toString();
        CompletableFuture<InProcessRpc.Reply> pending = CompletableFuture.supplyAsync(
                () -> call("block/get", Map.of("timeout", "120s"), missing));
        awaitThat("our want to reach the peer", SETTLE, () -> wantedByUsAtPeer().contains(missing));

        long begun = System.nanoTime();
        assertEquals("Resolved", call("bundle/stop", "io.ipfskit.protocol.bitswap").json().path("State").asText());
        InProcessRpc.Reply failed = pending.get(10, TimeUnit.SECONDS);
        assertFalse("the pending fetch fails", failed.ok());
        assertTrue("with a clear error: " + failed.error(), failed.error().contains("cannot retrieve " + missing));
        assertTrue("at once, not at its timeout", System.nanoTime() - begun < TimeUnit.SECONDS.toNanos(10));
        awaitClean("the peer to forget our want (bitswap cancels its wants as it stops)", SETTLE,
                () -> wantedByUsAtPeer().isEmpty() ? null : "the peer holds " + wantedByUsAtPeer() + " for us");
        awaitClean("our bitswap protocols to leave identify at the peer", SETTLE, () -> {
            Set<String> seen = protocolsSeenByPeer();
            return seen.stream().noneMatch(p -> p.startsWith("/ipfs/bitswap")) ? null
                    : "the peer sees " + seen + "; we offer " + call("id").json().path("Protocols") + "; connections "
                            + connectionsToPeer() + "; the peer's " + peer().call("swarm/peers");
        });
        assertTrue("the connection stays", peerSees(us));

        assertEquals("Active", call("bundle/start", "io.ipfskit.protocol.bitswap").json().path("State").asText());
        awaitThat("our bitswap protocols back at the peer", SETTLE,
                () -> protocolsSeenByPeer().containsAll(List.of("/ipfs/bitswap/1.2.0", "/ipfs/bitswap")));
        fetchFromPeer(42);
    }

    @Test
    public void theDhtInAutoModeTurnsClientWhileAutoNatFindsUsPrivate() throws Exception {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(RuntimeProperties.REACHABILITY, "Private");
        properties.put(org.osgi.framework.Constants.SERVICE_RANKING, 100); // over the relay bundle's own AutoNAT
        java.util.function.Supplier<String> reachability = () -> "Private";
        ServiceRegistration<?> registration = context.registerService(java.util.function.Supplier.class.getName(),
                reachability, properties);
        try {
            awaitClean("our DHT protocols to leave identify at the peer", SETTLE, () -> {
                Set<String> seen = protocolsSeenByPeer();
                return seen.contains("/ipfs/kad/1.0.0") ? "the peer sees " + seen : null;
            });
            awaitThat("we no longer offer it", SETTLE,
                    () -> !call("id").json().path("Protocols").toString().contains("\"/ipfs/kad/1.0.0\""));
            properties.put(RuntimeProperties.REACHABILITY, "Public");
            registration.setProperties(properties);
            awaitThat("our DHT back at the peer once public", SETTLE,
                    () -> protocolsSeenByPeer().contains("/ipfs/kad/1.0.0"));
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void theRoutingManagerDropsAStoppedRouterAndAddsAStartedOne() throws Exception {
        PeerId elsewhere = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
        PeerInfo provider = new PeerInfo(elsewhere, List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/9")));
        ContentRouter router = new ContentRouter() {
            @Override
            public CompletionStage<Void> findProviders(Cid cid, int limit, Consumer<PeerInfo> found) {
                found.accept(provider);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletionStage<Void> provide(Cid cid) {
                return CompletableFuture.completedFuture(null);
            }
        };
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ContentRouter.NAME, "test-router");
        ServiceRegistration<ContentRouter> registration = context.registerService(ContentRouter.class, router, properties);
        awaitThat("the manager to list the router", SETTLE, () -> routers().contains("test-router"));
        assertTrue("its providers are found", providersOf(content(51)).contains(elsewhere.toBase58()));

        registration.unregister();
        awaitThat("the manager to drop it", SETTLE, () -> !routers().contains("test-router"));
        assertFalse("it is no longer asked (a content it would answer for)", providersOf(content(52)).contains(elsewhere.toBase58()));

        registration = context.registerService(ContentRouter.class, router, properties);
        awaitThat("the manager to add it again", SETTLE, () -> routers().contains("test-router"));
        assertTrue("it is asked again", providersOf(content(53)).contains(elsewhere.toBase58()));
        registration.unregister();
    }

    /** A CID of seeded random content nobody holds (each search of a new one asks the routers afresh). */
    private static Cid content(long seed) {
        byte[] data = new byte[32];
        new Random(seed).nextBytes(data);
        return Cid.v1(Multicodec.RAW, Multihash.sha256(data));
    }

    @Test
    public void componentsShowEachReferenceWhatSatisfiesItAndWhatAStopTakesDown() throws Exception {
        String text = gogo("ipfs:components io.ipfskit.protocol.identify");
        assertTrue(text, text.contains("io.ipfskit.protocol.identify.IdentifyService  active  (io.ipfskit.protocol.identify)"));
        assertTrue(text, text.contains("  io.ipfskit.api.net.Host  1..1 static\n    bound to io.ipfskit.host.internal.DefaultHost"
                + " (io.ipfskit.host, service "));
        assertTrue(text, text.contains("Stopping io.ipfskit.protocol.identify also stops: no component of another bundle"));

        JsonNode host = call("bundle/components", "io.ipfskit.host").json();
        Set<String> alsoStopped = new TreeSet<>();
        host.path("StoppingAlsoStops").forEach(n -> alsoStopped.add(n.asText()));
        assertTrue(alsoStopped.toString(), alsoStopped.containsAll(Set.of("io.ipfskit.protocol.identify.IdentifyService",
                "io.ipfskit.protocol.bitswap.Bitswap", "io.ipfskit.protocol.ping.PingService")));
        JsonNode handlers = reference(host, "io.ipfskit.host.internal.DefaultHost", "io.ipfskit.api.protocol.ProtocolHandler");
        assertEquals("0..n", handlers.path("Cardinality").asText());
        assertEquals("dynamic", handlers.path("Policy").asText());
        Set<String> offeredBy = new TreeSet<>();
        handlers.path("Providers").forEach(p -> {
            assertTrue("a bound handler: " + p, p.path("Bound").asBoolean());
            offeredBy.add(p.path("Bundle").asText());
        });
        assertTrue(offeredBy.toString(), offeredBy.containsAll(
                Set.of("io.ipfskit.protocol.bitswap", "io.ipfskit.protocol.identify", "io.ipfskit.protocol.ping")));
    }

    @Test
    public void restartRunsFromEitherSideAndNothingStopsTheCommandsThemselves() throws Exception {
        assertEquals("io.ipfskit.protocol.ping Active", gogo("ipfs:restart io.ipfskit.protocol.ping"));
        assertEquals("Active", call("bundle/restart", "io.ipfskit.routing").json().path("State").asText());
        awaitThat("the node whole after both restarts", SETTLE, this::whole);

        assertEquals("io.ipfskit.node Resolved", gogo("ipfs:stop io.ipfskit.node"));
        assertEquals("the shell's commands need no node", "io.ipfskit.node Active", gogo("ipfs:start io.ipfskit.node"));
        awaitThat("the node whole again", SETTLE, this::whole);

        String refusal;
        try {
            gogo("ipfs:stop io.ipfskit.shell");
            refusal = null;
        } catch (Exception e) {
            refusal = e.getMessage();
        }
        assertTrue("stopping the shell from the shell is refused: " + refusal,
                refusal != null && refusal.contains("restart it instead"));
        InProcessRpc.Reply refused = call("bundle/stop", "io.ipfskit.shell");
        assertTrue(refused.error(), !refused.ok() && refused.error().contains("restart it instead"));
        InProcessRpc.Reply unknown = call("bundle/start", "io.ipfskit.nothing");
        assertTrue(unknown.error(), !unknown.ok() && unknown.error().contains("no IPFS Kit bundle named io.ipfskit.nothing"));

        Set<Long> rpc = componentIds("io.ipfskit.rpc");
        JsonNode acknowledged = call("bundle/restart", "io.ipfskit.rpc").json();
        assertEquals("a restart taking down the API answers first", "Restarting", acknowledged.path("State").asText());
        awaitThat("the API to go and come back", SETTLE, () -> !componentIds("io.ipfskit.rpc").isEmpty()
                && java.util.Collections.disjoint(rpc, componentIds("io.ipfskit.rpc")) && whole());
        Set<Long> shell = componentIds("io.ipfskit.shell");
        assertEquals("the shell serves ipfs:rpc: it answers first too", "Restarting",
                call("bundle/restart", "io.ipfskit.shell").json().path("State").asText());
        awaitThat("the shell's components to be new ones and the node whole", SETTLE,
                () -> !componentIds("io.ipfskit.shell").isEmpty()
                        && java.util.Collections.disjoint(shell, componentIds("io.ipfskit.shell")) && whole());
        JsonNode bundles = call("bundle/ls").json().path("Bundles");
        bundles.forEach(b -> assertEquals(b.path("Name").asText(), "Active", b.path("State").asText()));
        assertEquals(ourBundles().size(), bundles.size());
    }

    /** The ids of the bundle's component configurations now (new ones after a restart). */
    private Set<Long> componentIds(String bundle) {
        Set<Long> ids = new TreeSet<>();
        scr.getComponentDescriptionDTOs().stream().filter(d -> d.bundle.symbolicName.equals(bundle))
                .forEach(d -> scr.getComponentConfigurationDTOs(d).forEach(c -> ids.add(c.id)));
        return ids;
    }

    private static JsonNode reference(JsonNode reply, String component, String service) {
        for (JsonNode c : reply.path("Components")) {
            if (c.path("Name").asText().equals(component)) {
                for (JsonNode r : c.path("References")) {
                    if (r.path("Service").asText().equals(service)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no reference to " + service + " in " + component + ": " + reply);
    }

    private Set<String> ourAddresses() {
        Set<String> out = new TreeSet<>();
        call("id").json().path("Addresses").forEach(a -> out.add(a.asText().split("/p2p/")[0]));
        return out;
    }

    private Set<String> addressesSeenByPeer() throws Exception {
        Set<String> out = new TreeSet<>();
        peer().call("id?arg=" + us).path("Addresses").forEach(a -> out.add(a.asText().split("/p2p/")[0]));
        return out;
    }

    private Set<String> protocolsSeenByPeer() throws Exception {
        Set<String> out = new TreeSet<>();
        peer().call("id?arg=" + us).path("Protocols").forEach(p -> out.add(p.asText()));
        return out;
    }

    private Set<String> muxers() throws Exception {
        Set<String> out = new TreeSet<>();
        connectionsToPeer().stream().map(Connection::muxer).forEach(out::add);
        return out;
    }

    private Set<String> securities() throws Exception {
        Set<String> out = new TreeSet<>();
        connectionsToPeer().stream().map(Connection::security).forEach(out::add);
        return out;
    }

    /** Whether the peer holds a connection to us over this muxer. */
    private boolean peerHasToUs(String muxer) throws Exception {
        for (JsonNode entry : peer().call("swarm/peers").path("Peers")) {
            if (entry.path("Peer").asText().equals(us) && entry.path("Muxer").asText().equals(muxer)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode peerEntry() throws Exception {
        for (JsonNode entry : peer().call("swarm/peers").path("Peers")) {
            if (entry.path("Peer").asText().equals(us)) {
                return entry;
            }
        }
        throw new AssertionError("the peer has no connection to us");
    }

    private Set<String> wantedByUsAtPeer() throws Exception {
        Set<String> out = new TreeSet<>();
        peer().call("bitswap/wantlist?peer=" + us).path("Keys").forEach(k -> out.add(k.path("/").asText()));
        return out;
    }

    private Set<String> routers() {
        Set<String> out = new TreeSet<>();
        call("routing/stats").json().path("Routing").path("routers").forEach(r -> out.add(r.asText().split(" ")[0]));
        return out;
    }

    private Set<String> providersOf(Cid cid) {
        Set<String> out = new TreeSet<>();
        call("routing/findprovs", Map.of("num-providers", "5"), cid.toString()).values()
                .forEach(event -> event.path("Responses").forEach(r -> out.add(r.path("ID").asText())));
        return out;
    }
}
