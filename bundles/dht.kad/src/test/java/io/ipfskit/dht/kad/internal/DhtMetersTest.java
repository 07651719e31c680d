package io.ipfskit.dht.kad.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.api.QueryListener;
import io.ipfskit.dht.kad.core.KadSettings;
import io.ipfskit.dht.kad.sim.EventLoop;
import io.ipfskit.dht.kad.sim.SimNetwork;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.testing.MemoryMetrics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DHT's meters move with its lookups, the requests they send and those it serves; the table size is its own. */
class DhtMetersTest {

    private final EventLoop loop = new EventLoop(1_700_000_000_000L);
    private final SimNetwork net = new SimNetwork(loop, 3, 0.0);

    @Test
    void lookupsRequestsAndTheTableAreCounted() {
        KadSettings settings = KadSettings.wan(DhtMode.SERVER, false);
        for (int i = 0; i < 20; i++) {
            net.join(settings);
            loop.runFor(Duration.ofSeconds(2));
        }
        List<PeerId> live = net.liveNodes();
        PeerId asker = live.get(0);
        MemoryMetrics metrics = new MemoryMetrics();
        new DhtMeters("wan", net.node(asker)).bind(metrics);
        double lookups = metrics.value("ipfskit.dht.lookups", "dht", "wan");
        double sent = metrics.value("ipfskit.dht.requests.sent", "dht", "wan");

        loop.await(net.node(asker).provide(Multihash.sha256(new byte[] {1}), QueryListener.NONE), Duration.ofMinutes(2));

        assertEquals(lookups + 1, metrics.value("ipfskit.dht.lookups", "dht", "wan"));
        assertTrue(metrics.value("ipfskit.dht.requests.sent", "dht", "wan") > sent);
        assertEquals(net.node(asker).tableSize(), metrics.value("ipfskit.dht.routing.table.size", "dht", "wan"));
        assertTrue(metrics.value("ipfskit.dht.routing.table.size", "dht", "wan") > 0);
        long served = live.subList(1, live.size()).stream()
                .mapToLong(p -> net.node(p).counters().requestsServed()).sum();
        assertTrue(served >= metrics.value("ipfskit.dht.requests.sent", "dht", "wan")
                - metrics.value("ipfskit.dht.requests.failed", "dht", "wan"), "every answered request was served");
    }
}
