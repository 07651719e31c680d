package io.ipfskit.transport.quic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Direction;
import io.ipfskit.api.net.HostListener;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.host.internal.ResourceLimits;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.plugin.echo.EchoProtocol;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.Collector;
import io.ipfskit.testkit.ConcurrentEchoes;
import io.ipfskit.testkit.TestNode;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two in-process hosts over QUIC on loopback. */
class QuicHostTest {

    private static final String ECHO = "/test/echo/1.0.0";
    private final QuicHost a = new QuicHost();
    private final QuicHost b = new QuicHost();

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private byte[] echo(byte[] payload) throws Exception {
        Collector collector = new Collector();
        Stream stream = await(a.host.newStream(b.node.peerId(), List.of(ECHO), s -> collector));
        await(stream.write(payload));
        stream.closeWrite();
        return collector.closed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void connectsAuthenticatedAndBothSidesSeeAQuicConnection() throws Exception {
        CompletableFuture<Connection> seenByB = new CompletableFuture<>();
        b.host.subscribe(new HostListener() {
            @Override
            public void connected(Connection c) {
                seenByB.complete(c);
            }
        });
        assertTrue(b.address().toString().matches("/ip4/127\\.0\\.0\\.1/udp/\\d+/quic-v1/p2p/.*"), b.address().toString());
        Connection c = await(a.host.connect(b.address()));
        assertEquals(b.node.peerId(), c.remotePeer());
        assertEquals(Direction.OUTBOUND, c.direction());
        assertEquals("quic-v1", c.security());
        assertEquals("quic-v1", c.muxer());
        assertEquals(b.address().withoutPeerId(), c.remoteAddress());
        Connection inbound = seenByB.get(10, TimeUnit.SECONDS);
        assertEquals(a.node.peerId(), inbound.remotePeer());
        assertEquals(Direction.INBOUND, inbound.direction());
        assertTrue(inbound.remoteAddress().toString().endsWith("/quic-v1"), inbound.remoteAddress().toString());
        assertEquals(b.node.publicKey(), a.host.peerstore().get(b.node.peerId()).orElseThrow().publicKey());
    }

    @Test
    void streamsCarryDataBothWaysManyAtOnceOverOneConnection() throws Exception {
        b.host.addProtocolHandler(new EchoProtocol(ECHO));
        await(a.host.connect(b.address()));
        byte[] big = new byte[4_000_000];
        new Random(3).nextBytes(big);
        assertArrayEquals(big, echo(big));
        ConcurrentEchoes.run(this::echo, 50);
        assertEquals(1, a.host.connections().size());
        Await.until("finished streams to be forgotten", Duration.ofSeconds(10),
                () -> a.host.connections().get(0).streamCount() == 0);
    }

    @Test
    void refusesARemoteThatIsNotTheDialledPeer() throws Exception {
        Multiaddr wrong = b.address().withPeerId(new TestNode().peerId());
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(a.host.connect(wrong)));
        assertTrue(e.getCause().getMessage().contains("not the dialled"), e.getCause().getMessage());
        assertTrue(a.host.connections().isEmpty());
    }

    @Test
    void aHostOfferingQuicAndTcpIsReachedOverQuicWhateverTheOrderGiven() throws Exception {
        try (QuicHost dialler = new QuicHost(true); QuicHost both = new QuicHost(true)) {
            List<Multiaddr> addresses = both.host.listenAddresses();
            assertEquals(2, addresses.size(), addresses.toString());
            assertTrue(addresses.get(0).toString().contains("/tcp/"), "TCP is listed first: " + addresses);
            Connection c = await(dialler.host.connect(both.node.peerId(), addresses));
            assertEquals("quic-v1", c.muxer());
        }
    }

    @Test
    void aQuietConnectionOutlivesTheIdleTimeoutThroughKeepAlives() throws Exception {
        QuicSettings shortIdle = new QuicSettings(Duration.ofSeconds(5), Duration.ofMillis(600), 256, 1 << 20, 1 << 21,
                1 << 20);
        try (QuicHost x = new QuicHost(shortIdle); QuicHost y = new QuicHost(shortIdle)) {
            Connection c = await(x.host.connect(y.address()));
            long quietUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3000);
            while (System.nanoTime() < quietUntil) {
                assertEquals(List.of(c), x.host.connections(), "still connected after five idle timeouts of silence");
                Thread.sleep(50);
            }
        }
    }

    @Test
    void theHostsHandshakeLimitRefusesQuicConnectionsAsTcpOnes() throws Exception {
        ResourceLimits worker = ResourceLimits.of(NodeRole.WORKER);
        ResourceLimits oneHandshake = new ResourceLimits(1, worker.pendingHandshakesPerIp(), worker.inboundConnections(),
                worker.connections(), worker.connectionsPerPeer(), worker.inboundStreams(), worker.outboundStreams(),
                worker.inboundStreamsPerPeer(), worker.outboundStreamsPerPeer());
        try (QuicHost gated = new QuicHost(oneHandshake); FirstPacketOnly stuck = new FirstPacketOnly(gated.address())) {
            b.quic.dial(stuck.address(), gated.node.peerId(), Duration.ofSeconds(5));
            Await.until("the stuck handshake to hold the one slot", Duration.ofSeconds(10),
                    () -> gated.host.resources().usage().get("PendingHandshakes") == 1);
            assertThrows(ExecutionException.class, () -> await(a.host.connect(gated.address())));
            assertTrue(gated.host.connections().isEmpty());
            // each Initial the dialler sends again meets a new refusal
            assertTrue(gated.host.resources().refused().get("PendingHandshakes") >= 1, gated.host.resources().toString());
        }
    }

    @Test
    void removingTheTransportClosesItsConnectionsAndItsAddresses() throws Exception {
        await(a.host.connect(b.address()));
        b.host.removeMuxedTransport(b.quic);
        assertTrue(b.host.listenAddresses().isEmpty());
        Await.until("the listener to drop the connection", Duration.ofSeconds(10), () -> b.host.connections().isEmpty());
        Await.until("the dialler to hear of it", Duration.ofSeconds(10), () -> a.host.connections().isEmpty());
    }
}
