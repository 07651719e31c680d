package io.ipfskit.dht.kad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.api.QueryListener;
import io.ipfskit.dht.kad.api.RoutingTableSnapshot;
import io.ipfskit.dht.kad.api.TableBucket;
import io.ipfskit.dht.kad.sim.EventLoop;
import io.ipfskit.dht.kad.sim.SimNetwork;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The lookup logic on the simulated network: peers and providers are found in a few hops, churn included. */
class SimulatedLookupTest {

    private static final KadSettings SETTINGS = KadSettings.wan(DhtMode.SERVER, false);

    private final EventLoop loop = new EventLoop(1_700_000_000_000L);
    private final SimNetwork net = new SimNetwork(loop, 7, 0.0);
    private final Random random = new Random(7);

    private void grow(int n) {
        for (int i = 0; i < n; i++) {
            net.join(SETTINGS);
            loop.runFor(Duration.ofSeconds(2));
        }
        loop.runFor(Duration.ofMinutes(11));
    }

    @Test
    void everyLivePeerIsFoundWithinAFewHops() {
        grow(200);
        List<PeerId> live = net.liveNodes();
        List<Integer> hops = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            PeerId from = live.get(random.nextInt(live.size()));
            PeerId target = live.get(random.nextInt(live.size()));
            CompletableFuture<Optional<PeerInfo>> found = net.node(from).findPeer(target, QueryListener.NONE, hops::add);
            Optional<PeerInfo> info = loop.await(found, Duration.ofMinutes(2));
            assertTrue(info.isPresent() || from.equals(target), "peer " + i + " not found");
        }
        hops.sort(Integer::compare);
        assertTrue(hops.get(hops.size() / 2) <= 3, "median hops " + hops);
    }

    @Test
    void theRefreshLooksUpAKeyOfEveryNonEmptyBucketAndSaysWhen() {
        grow(40);
        PeerId node = net.liveNodes().get(0);
        RoutingTableSnapshot table = net.node(node).routingTable();
        long intervalAgo = loop.now() - SETTINGS.refreshInterval().toMillis() - Duration.ofMinutes(1).toMillis();
        for (TableBucket bucket : table.buckets()) {
            if (bucket.commonPrefixLength() <= RandomKeys.MAX_CPL) {
                Instant refreshed = table.refreshedAt().get(bucket.commonPrefixLength());
                assertTrue(refreshed != null && refreshed.toEpochMilli() >= intervalAgo,
                        "bucket " + bucket.commonPrefixLength() + " refreshed within the last interval: " + refreshed);
            }
        }
        assertTrue(table.refreshedAt().keySet().stream().allMatch(cpl -> cpl >= 0 && cpl <= RandomKeys.MAX_CPL),
                table.refreshedAt().toString());
    }

    @Test
    void providersAreFoundFromAnyNodeAfterTenPercentChurn() {
        grow(150);
        List<PeerId> live = net.liveNodes();
        List<Multihash> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Multihash key = Multihash.sha256(("content " + i).getBytes());
            PeerId provider = live.get(random.nextInt(live.size()));
            loop.await(net.node(provider).provide(key, QueryListener.NONE), Duration.ofMinutes(2));
            keys.add(key);
        }
        for (int i = 0; i < 15; i++) {
            net.kill(live.get(random.nextInt(live.size())));
        }
        List<PeerId> survivors = net.liveNodes();
        for (Multihash key : keys) {
            PeerId asker = survivors.get(random.nextInt(survivors.size()));
            List<PeerInfo> found = new ArrayList<>();
            loop.await(net.node(asker).findProviders(key, 1, found::add, QueryListener.NONE), Duration.ofMinutes(2));
            assertEquals(1, found.size(), "no provider of " + key + " found");
        }
    }
}
