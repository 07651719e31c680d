package io.ipfskit.dht.kad.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.dht.kad.api.DhtMode;
import org.junit.jupiter.api.Test;

/** The DHT's mode: as configured, else by role and, once AutoNAT found the node unreachable, a client (go's auto). */
class DhtModeTest {

    @Test
    void autoFollowsTheRoleUntilAutoNatFindsTheNodePrivate() {
        assertEquals(DhtMode.SERVER, KadDhtComponent.mode("auto", NodeRole.WORKER, null), "reachability not known yet");
        assertEquals(DhtMode.SERVER, KadDhtComponent.mode("auto", NodeRole.MASTER, "Unknown"));
        assertEquals(DhtMode.SERVER, KadDhtComponent.mode("auto", NodeRole.WORKER, "Public"));
        assertEquals(DhtMode.CLIENT, KadDhtComponent.mode("auto", NodeRole.WORKER, "Private"));
        assertEquals(DhtMode.CLIENT, KadDhtComponent.mode("auto", NodeRole.LEECHER, "Public"), "a leecher only asks");
    }

    @Test
    void anExplicitModeWinsOverRoleAndReachability() {
        assertEquals(DhtMode.SERVER, KadDhtComponent.mode("server", NodeRole.LEECHER, "Private"));
        assertEquals(DhtMode.CLIENT, KadDhtComponent.mode("Client", NodeRole.MASTER, "Public"));
    }
}
