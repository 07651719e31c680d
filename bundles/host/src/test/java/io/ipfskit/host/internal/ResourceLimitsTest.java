package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.host.internal.ResourceManager.Refused;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.muxer.yamux.YamuxMuxer;
import io.ipfskit.plugin.echo.EchoProtocol;
import io.ipfskit.security.noise.NoiseSecureChannel;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.Collector;
import io.ipfskit.testkit.TestHost;
import io.ipfskit.testkit.TestNode;
import io.ipfskit.transport.tcp.TcpTransport;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The resource manager at work in a host on loopback: excess connections are closed at accept, excess streams reset. */
class ResourceLimitsTest {

    private static final String ECHO = "/test/echo/1.0.0";
    private static final Duration BOUND = Duration.ofSeconds(10);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A host on loopback with Noise, yamux, the echo protocol and these resource limits. */
    private DefaultHost host(TestNode node, ResourceLimits limits) {
        DefaultHost host = new DefaultHost(node, HostSettings.of(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")))
                .withResources(limits));
        TcpTransport tcp = new TcpTransport(1, 64);
        open.add(tcp::close);
        open.add(host::close);
        host.addSecureChannel(new NoiseSecureChannel(node));
        host.addMuxer(new YamuxMuxer(64, 16 << 20, 4 << 20));
        host.addTransport(tcp);
        host.addProtocolHandler(new EchoProtocol(ECHO));
        return host;
    }

    private TestHost peer() {
        TestHost peer = new TestHost();
        open.add(peer);
        return peer;
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Multiaddr address(DefaultHost host, TestNode node) {
        return host.listenAddresses().get(0).withPeerId(node.peerId());
    }

    @Test
    void connectionsBeyondTheHandshakeLimitAreClosedAtAcceptAndCounted() throws Exception {
        TestNode node = new TestNode();
        DefaultHost host = host(node, new ResourceLimits(4, 8, 100, 100, 8, 100, 100, 100, 100));
        InetSocketAddress target = new InetSocketAddress("127.0.0.1",
                Integer.parseInt(host.listenAddresses().get(0).toString().replaceAll(".*/tcp/", "")));
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket socket = new Socket();
            socket.connect(target, 5000);
            silent.add(socket);
            open.add(socket);
        }
        Await.until("16 refused at accept", BOUND,
                () -> host.resourceManager().refused(Refused.PENDING_HANDSHAKES) == 16);
        assertEquals(4, host.resources().usage().get("PendingHandshakes"), "four silent peers hold every place");
        TestHost late = peer();
        assertThrows(ExecutionException.class, () -> await(late.host.connect(address(host, node))),
                "an honest peer is refused too while the places are taken");

        for (Socket socket : silent) {
            socket.close();
        }
        Await.until("the places freed", BOUND, () -> host.resources().usage().get("PendingHandshakes") == 0);
        Connection connection = await(late.host.connect(address(host, node)));
        assertEquals(node.peerId(), connection.remotePeer());
    }

    @Test
    void inboundStreamsBeyondAPeersShareAreResetAndFreedPlacesAreReused() throws Exception {
        TestNode node = new TestNode();
        DefaultHost host = host(node, new ResourceLimits(32, 8, 100, 100, 8, 100, 100, 3, 100));
        TestHost a = peer();
        await(a.host.connect(address(host, node)));
        List<Stream> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(await(a.host.newStream(node.peerId(), List.of(ECHO), s -> new Collector())));
        }
        for (int i = 0; i < 5; i++) {
            assertThrows(ExecutionException.class,
                    () -> await(a.host.newStream(node.peerId(), List.of(ECHO), s -> new Collector())));
        }
        assertEquals(5, host.resourceManager().refused(Refused.INBOUND_STREAMS_PER_PEER));
        assertEquals(3, host.resources().usage().get("InboundStreams"));

        held.get(0).closeWrite();
        Await.until("the closed stream's place freed", BOUND, () -> host.resources().usage().get("InboundStreams") == 2);
        Collector echo = new Collector();
        Stream again = await(a.host.newStream(node.peerId(), List.of(ECHO), s -> echo));
        again.write("fits again".getBytes());
        again.closeWrite();
        assertArrayEquals("fits again".getBytes(), echo.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void outboundStreamsBeyondTheLimitFailToOpen() throws Exception {
        TestNode node = new TestNode();
        DefaultHost host = host(node, new ResourceLimits(32, 8, 100, 100, 8, 100, 100, 100, 2));
        TestHost b = peer();
        b.host.addProtocolHandler(new EchoProtocol(ECHO));
        await(host.connect(b.address()));
        await(host.newStream(b.node.peerId(), List.of(ECHO), s -> new Collector()));
        await(host.newStream(b.node.peerId(), List.of(ECHO), s -> new Collector()));
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> await(host.newStream(b.node.peerId(), List.of(ECHO), s -> new Collector())));
        assertTrue(refused.getCause().getMessage().contains("resource limit"), refused.getCause().getMessage());
        assertEquals(1, host.resourceManager().refused(Refused.OUTBOUND_STREAMS_PER_PEER));
        assertEquals(2, host.resources().usage().get("OutboundStreams"));
    }

    @Test
    void aSecondInboundConnectionFromAPeerHoldingItsShareIsClosed() throws Exception {
        TestNode node = new TestNode();
        DefaultHost host = host(node, new ResourceLimits(32, 8, 100, 100, 1, 100, 100, 100, 100));
        TestNode twin = new TestNode();
        DefaultHost first = host(twin, ResourceLimits.of(io.ipfskit.api.node.NodeRole.WORKER));
        DefaultHost second = host(twin, ResourceLimits.of(io.ipfskit.api.node.NodeRole.WORKER));
        await(first.connect(address(host, node)));
        second.connect(address(host, node));
        Await.until("the second connection refused", BOUND,
                () -> host.resourceManager().refused(Refused.CONNECTIONS_PER_PEER) == 1);
        Await.until("one connection kept", BOUND, () -> host.connections().size() == 1
                && host.resources().usage().get("InboundConnections") == 1);
    }
}
