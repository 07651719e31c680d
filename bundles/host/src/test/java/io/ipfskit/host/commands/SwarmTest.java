package io.ipfskit.host.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.TestHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SwarmTest {

    private final TestHost a = new TestHost();
    private final TestHost b = new TestHost();

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void connectListDisconnect() throws Exception {
        assertEquals("connect " + b.node.peerId() + " success", Swarm.connect(a.host, b.address().toString()));
        List<Map<String, Object>> peers = Swarm.peers(a.host);
        assertEquals(1, peers.size());
        assertEquals(b.node.peerId().toString(), peers.get(0).get("Peer"));
        assertEquals(2, peers.get(0).get("Direction"));
        assertEquals("/yamux/1.0.0", peers.get(0).get("Muxer"));
        assertEquals("/noise", peers.get(0).get("Security"));
        assertEquals(false, peers.get(0).get("Relayed"));
        assertEquals("disconnect " + b.node.peerId() + " success", Swarm.disconnect(a.host, b.address().toString()));
        Await.until("b to see the disconnect", Duration.ofSeconds(10), () -> b.host.connections().isEmpty());
        assertTrue(Swarm.peers(a.host).isEmpty());
    }

    @Test
    void resourcesShowLimitsUsageAndRefusalsByName() throws Exception {
        Swarm.connect(a.host, b.address().toString());
        Map<String, Object> resources = Swarm.resources(a.host);
        assertEquals(List.of("Limits", "Usage", "Refused"), List.copyOf(resources.keySet()));
        assertEquals(48, ((Map<?, ?>) resources.get("Limits")).get("PendingHandshakes"), "a worker's default");
        assertEquals(1, ((Map<?, ?>) resources.get("Usage")).get("Connections"));
        assertEquals(0L, ((Map<?, ?>) resources.get("Refused")).get("InboundStreamsPerPeer"));
        String text = new SwarmGogoCommand(a.host, a.host).swarm("resources");
        assertTrue(text.contains("Connections 1/256 refused 0"), text);
        assertTrue(text.contains("ConnectionsPerPeer -/8 refused 0"), text);
    }

    @Test
    void badInputIsAClientError() {
        assertEquals(RpcException.Kind.CLIENT, assertThrows(RpcException.class, () -> Swarm.connect(a.host, "nonsense")).kind());
        assertEquals(RpcException.Kind.CLIENT,
                assertThrows(RpcException.class, () -> Swarm.disconnect(a.host, b.node.peerId().toString())).kind());
    }
}
