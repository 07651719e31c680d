package io.ipfskit.dht.kad.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.core.KadNode;
import io.ipfskit.dht.kad.core.KadSettings;
import io.ipfskit.dht.kad.host.DhtPeer;
import io.ipfskit.dht.kad.records.StoreLimits;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kubo's dual DHT on loopback with its default settings: the public DHT keeps no loopback peer, the LAN DHT does, so
 * announcing goes to the LAN DHT and the router finds the provider there.
 */
class DualRouterTest {

    private final List<DhtPeer> peers = new ArrayList<>();
    private final List<KadNode> lans = new ArrayList<>();

    private DualRouter node() throws Exception {
        DhtPeer p = new DhtPeer(KadSettings.wan(DhtMode.SERVER, false), StoreLimits.of(NodeRole.WORKER));
        peers.add(p);
        KadNode lan = p.addDht(KadSettings.lan(DhtMode.SERVER));
        lans.add(lan);
        return new DualRouter(p.node(), lan);
    }

    @AfterEach
    void close() throws Exception {
        for (DhtPeer p : peers) {
            p.close();
        }
    }

    @Test
    void onLoopbackTheLanDhtCarriesProvidersAndTheRouterFindsThem() throws Exception {
        DualRouter provider = node();
        node();
        DualRouter finder = node();
        peers.get(0).connect(peers.get(1));
        peers.get(2).connect(peers.get(1));
        Await.until("the LAN tables to fill", Duration.ofSeconds(15),
                () -> lans.get(0).tableSize() > 0 && lans.get(2).tableSize() > 0);
        assertEquals(0, peers.get(0).node().tableSize(), "the public DHT keeps no loopback peer");
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256("dual".getBytes()));
        provider.provide(cid).toCompletableFuture().get(30, TimeUnit.SECONDS);
        List<PeerInfo> found = new CopyOnWriteArrayList<>();
        finder.findProviders(cid, 5, found::add).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(List.of(peers.get(0).id()), found.stream().map(PeerInfo::peerId).toList(), "each provider once");
    }
}
