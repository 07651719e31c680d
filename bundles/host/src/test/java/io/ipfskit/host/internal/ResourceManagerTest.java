package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ipfskit.api.net.Direction;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.host.internal.ResourceManager.Lease;
import io.ipfskit.host.internal.ResourceManager.Refused;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.testkit.TestNode;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceManagerTest {

    private static final ResourceLimits SMALL = new ResourceLimits(4, 2, 6, 8, 2, 5, 4, 3, 2);
    private final ResourceManager manager = new ResourceManager(SMALL);
    private final PeerId alice = new TestNode().peerId();
    private final PeerId bob = new TestNode().peerId();

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void roleDefaultsAreGoLibp2psScaledByTheMemoryGoWouldGiveTheRole() {
        assertEquals(new ResourceLimits(32, 8, 64, 128, 8, 1024, 2048, 256, 512), ResourceLimits.of(NodeRole.LEECHER),
                "go-libp2p's base limits (128 MiB)");
        assertEquals(new ResourceLimits(48, 8, 128, 256, 8, 2048, 4096, 384, 768), ResourceLimits.of(NodeRole.WORKER),
                "base plus one GiB's increase");
        assertEquals(new ResourceLimits(96, 8, 320, 640, 8, 5120, 10240, 768, 1536), ResourceLimits.of(NodeRole.MASTER),
                "base plus four GiB's increase");
    }

    @Test
    void handshakesAreBoundedInTotalAndPerIpExceptFromLoopback() throws Exception {
        Lease first = manager.handshake(ip("192.0.2.1"));
        assertNotNull(manager.handshake(ip("192.0.2.1")));
        assertNull(manager.handshake(ip("192.0.2.1")), "a third handshake from one IP");
        assertEquals(1, manager.refused(Refused.PENDING_HANDSHAKES_PER_IP));
        assertNotNull(manager.handshake(ip("127.0.0.1")));
        assertNotNull(manager.handshake(ip("127.0.0.1")), "loopback is exempt from the per-IP bound");
        assertNull(manager.handshake(ip("192.0.2.2")), "four under way in total");
        assertEquals(1, manager.refused(Refused.PENDING_HANDSHAKES));

        first.close();
        first.close();
        assertNotNull(manager.handshake(ip("192.0.2.1")), "a finished handshake frees its place, once");
        assertNull(manager.handshake(ip("192.0.2.3")), "closing a lease twice frees one place only");
        assertEquals(4, manager.snapshot().usage().get("PendingHandshakes"));
    }

    @Test
    void inboundConnectionsAndAllConnectionsBoundNewHandshakes() throws Exception {
        List<Lease> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(manager.connection(new TestNode().peerId(), Direction.INBOUND));
        }
        held.add(manager.handshake(null));
        held.add(manager.handshake(null));
        assertNull(manager.handshake(null), "four inbound connections and two handshakes: six inbound in all");
        assertEquals(1, manager.refused(Refused.INBOUND_CONNECTIONS));
        held.remove(held.size() - 1).close();
        held.add(manager.connection(new TestNode().peerId(), Direction.OUTBOUND));
        held.add(manager.connection(new TestNode().peerId(), Direction.OUTBOUND));
        held.add(manager.connection(new TestNode().peerId(), Direction.OUTBOUND));
        assertNull(manager.handshake(null), "seven connections and one handshake: eight in all");
        assertEquals(1, manager.refused(Refused.CONNECTIONS));
    }

    @Test
    void aPeerMayHoldOnlySoManyInboundConnections() {
        Lease one = manager.connection(alice, Direction.INBOUND);
        assertNotNull(manager.connection(alice, Direction.OUTBOUND));
        assertNull(manager.connection(alice, Direction.INBOUND));
        assertNotNull(manager.connection(bob, Direction.INBOUND), "other peers are not affected");
        assertEquals(1, manager.refused(Refused.CONNECTIONS_PER_PEER));
        one.close();
        assertNotNull(manager.connection(alice, Direction.INBOUND), "a closed connection frees its place");
        assertNull(manager.connection(alice, Direction.INBOUND));
    }

    @Test
    void streamsAreCountedPerDirectionInTotalAndPerPeer() {
        List<Lease> aliceIn = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            aliceIn.add(manager.stream(alice, Direction.INBOUND));
        }
        assertNull(manager.stream(alice, Direction.INBOUND), "alice's inbound share");
        assertEquals(1, manager.refused(Refused.INBOUND_STREAMS_PER_PEER));
        assertNotNull(manager.stream(alice, Direction.OUTBOUND), "outbound streams are counted apart");
        assertNotNull(manager.stream(alice, Direction.OUTBOUND));
        assertNull(manager.stream(alice, Direction.OUTBOUND), "alice's outbound share");
        assertEquals(1, manager.refused(Refused.OUTBOUND_STREAMS_PER_PEER));
        assertNotNull(manager.stream(bob, Direction.INBOUND));
        assertNotNull(manager.stream(bob, Direction.INBOUND));
        assertNull(manager.stream(bob, Direction.INBOUND), "five inbound in total");
        assertEquals(1, manager.refused(Refused.INBOUND_STREAMS));
        assertNotNull(manager.stream(bob, Direction.OUTBOUND));
        assertNotNull(manager.stream(bob, Direction.OUTBOUND));
        assertNull(manager.stream(bob, Direction.OUTBOUND), "four outbound in total");
        assertEquals(1, manager.refused(Refused.OUTBOUND_STREAMS));

        aliceIn.get(0).close();
        assertNotNull(manager.stream(bob, Direction.INBOUND), "a closed stream frees its place in the total");
        assertEquals(5, manager.snapshot().usage().get("InboundStreams"));
        assertEquals(4, manager.snapshot().usage().get("OutboundStreams"));
    }

    @Test
    void theSnapshotNamesLimitsUsageAndRefusalsAlike() throws Exception {
        manager.handshake(ip("192.0.2.9"));
        manager.handshake(ip("192.0.2.9"));
        manager.handshake(ip("192.0.2.9"));
        ResourceSnapshot snapshot = manager.snapshot();
        assertEquals(SMALL.pendingHandshakesPerIp(), snapshot.limits().get("PendingHandshakesPerIP"));
        assertEquals(1L, snapshot.refused().get("PendingHandshakesPerIP"));
        assertEquals(2, snapshot.usage().get("PendingHandshakes"));
        assertEquals(snapshot.limits().keySet(), snapshot.refused().keySet());
    }
}
