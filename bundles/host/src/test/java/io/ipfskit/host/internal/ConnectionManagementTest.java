package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.TestHost;
import io.ipfskit.testkit.TestNode;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionManagementTest {

    @Test
    void roleDefaultsMatchTheIssue() {
        assertEquals(new ConnectionLimits(100, 400, Duration.ofSeconds(30)), ConnectionLimits.of(NodeRole.MASTER));
        assertEquals(new ConnectionLimits(50, 200, Duration.ofSeconds(20)), ConnectionLimits.of(NodeRole.WORKER));
        assertEquals(new ConnectionLimits(20, 100, Duration.ofSeconds(10)), ConnectionLimits.of(NodeRole.LEECHER));
    }

    @Test
    void aboveTheHighWaterMarkConnectionsAreTrimmedToTheLowOne() throws Exception {
        TestNode node = new TestNode();
        DefaultHost hub = new DefaultHost(node, HostSettings.of(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")))
                .withLimits(new ConnectionLimits(1, 2, Duration.ZERO)));
        List<TestHost> others = new ArrayList<>();
        try (TestHost spare = new TestHost()) {
            hub.addSecureChannel(new io.ipfskit.security.noise.NoiseSecureChannel(node));
            hub.addMuxer(new io.ipfskit.muxer.yamux.YamuxMuxer(64, 16 << 20, 4 << 20));
            io.ipfskit.transport.tcp.TcpTransport tcp = new io.ipfskit.transport.tcp.TcpTransport(1, 16);
            hub.addTransport(tcp);
            for (int i = 0; i < 3; i++) {
                TestHost other = new TestHost();
                others.add(other);
                hub.connect(other.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            Await.until("trimming to the low water mark", Duration.ofSeconds(10), () -> hub.connections().size() == 1);
            hub.close();
            tcp.close();
        } finally {
            others.forEach(TestHost::close);
        }
    }

    @Test
    void failedDialsBackOffExponentiallyUntilAnExplicitDial() throws Exception {
        DialBackoff backoff = new DialBackoff(10);
        TestNode peer = new TestNode();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        backoff.failed(peer.peerId(), t);
        assertEquals(Duration.ofSeconds(5), backoff.remaining(peer.peerId(), t).orElseThrow());
        backoff.failed(peer.peerId(), t);
        assertEquals(Duration.ofSeconds(10), backoff.remaining(peer.peerId(), t).orElseThrow());
        assertTrue(backoff.remaining(peer.peerId(), t.plusSeconds(11)).isEmpty());

        try (TestHost a = new TestHost(); ServerSocket closed = new ServerSocket(0)) {
            int deadPort = closed.getLocalPort();
            closed.close();
            Multiaddr dead = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + deadPort).withPeerId(peer.peerId());
            assertThrows(ExecutionException.class, () -> a.host.connect(dead).toCompletableFuture().get(10, TimeUnit.SECONDS));
            ExecutionException e = assertThrows(ExecutionException.class, () -> a.host.newStream(peer.peerId(),
                    List.of("/x"), s -> null).toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().startsWith("dial backoff"), e.getCause().getMessage());
        }
    }
}
