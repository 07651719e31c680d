package io.ipfskit.dht.kad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.api.QueryListener;
import io.ipfskit.dht.kad.sim.EventLoop;
import io.ipfskit.dht.kad.sim.SimNetwork;
import io.ipfskit.dht.kad.wire.KadMessage;
import io.ipfskit.dht.kad.wire.WirePeer;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lookup's termination, bounds and deadline, on the simulated network. */
class LookupTest {

    private static final KadSettings SETTINGS = KadSettings.wan(DhtMode.SERVER, false);

    private final EventLoop loop = new EventLoop(1_700_000_000_000L);
    private final SimNetwork net = new SimNetwork(loop, 11, 0.0);
    private final Random random = new Random(11);

    private List<PeerId> grow(int n) {
        for (int i = 0; i < n; i++) {
            net.join(SETTINGS);
            loop.runFor(Duration.ofSeconds(2));
        }
        loop.runFor(Duration.ofMinutes(11));
        return net.liveNodes();
    }

    private static PeerId randomPeer(Random random) {
        byte[] id = new byte[34];
        id[0] = 0x12;
        id[1] = 0x20;
        for (int i = 2; i < id.length; i++) {
            id[i] = (byte) random.nextInt(256);
        }
        return PeerId.fromBytes(id);
    }

    @Test
    void findNodeConvergesOnTheTrueKClosest() {
        List<PeerId> live = grow(60);
        for (int i = 0; i < 10; i++) {
            byte[] target = randomPeer(random).bytes();
            Key key = Key.of(target);
            List<PeerId> truth = new ArrayList<>(live);
            truth.sort((a, b) -> key.compareDistance(Key.of(a), Key.of(b)));
            PeerId from = live.get(random.nextInt(live.size()));
            truth.remove(from);
            List<PeerInfo> found = loop.await(net.node(from).closestPeers(target, QueryListener.NONE), Duration.ofMinutes(1));
            assertEquals(truth.subList(0, 20), found.stream().map(PeerInfo::peerId).toList());
        }
    }

    @Test
    void aPeerNamingTenThousandFakePeersNeitherGrowsTheLookupNorStopsIt() {
        List<PeerId> live = grow(40);
        Random fakes = new Random(3);
        AtomicInteger asked = new AtomicInteger();
        PeerId rogue = net.addRogue((from, request) -> {
            asked.incrementAndGet();
            List<WirePeer> many = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                many.add(WirePeer.of(randomPeer(fakes), List.of(Multiaddr.parse("/ip4/203.0.113." + (i % 250) + "/tcp/1"))));
            }
            return new KadMessage(request.type(), 0, null, null, many, List.of());
        });
        PeerId asker = live.get(0);
        net.connect(asker, rogue);
        loop.runFor(Duration.ofSeconds(5));
        Key near = Key.of(rogue);
        List<PeerId> truth = new ArrayList<>(live);
        truth.remove(asker);
        truth.sort((a, b) -> near.compareDistance(Key.of(a), Key.of(b)));
        long before = net.messages();
        int rogueAsked = asked.get();
        List<PeerInfo> found = loop.await(net.node(asker).closestPeers(rogue.bytes(), QueryListener.NONE),
                Duration.ofMinutes(2));
        assertTrue(asked.get() > rogueAsked, "the rogue was asked");
        List<PeerId> ids = found.stream().map(PeerInfo::peerId).filter(p -> !p.equals(rogue)).toList();
        assertEquals(truth.subList(0, ids.size()), ids, "the lookup still converges on the live peers");
        assertTrue(ids.size() >= 19, ids.size() + " found");
        assertTrue(net.messages() - before < 200, (net.messages() - before) + " messages for one lookup");
    }

    @Test
    void aLookupEndsAtItsDeadlineWhenNobodyAnswers() {
        PeerId self = randomPeer(random);
        List<PeerId> seeds = List.of(randomPeer(random), randomPeer(random));
        Lookup lookup = new Lookup(self, Key.of(self), Lookup.Params.DEFAULT, loop,
                (peer, depth) -> new CompletableFuture<>(), heard -> true);
        long start = loop.now();
        Lookup.Result result = loop.await(lookup.run(seeds, Duration.ofSeconds(30)), Duration.ofMinutes(5));
        assertFalse(result.completed());
        assertEquals(List.of(), result.closest());
        assertEquals(30_000, loop.now() - start);
    }

    @Test
    void theWalkStopsOnceTheBetaClosestAnswered() {
        PeerId self = randomPeer(random);
        Key target = Key.of(randomPeer(random).bytes());
        List<PeerId> seeds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            seeds.add(randomPeer(random));
        }
        seeds.sort((a, b) -> target.compareDistance(Key.of(a), Key.of(b)));
        List<PeerId> asked = new ArrayList<>();
        Lookup lookup = new Lookup(self, target, Lookup.Params.DEFAULT, loop, (peer, depth) -> {
            asked.add(peer);
            return CompletableFuture.completedFuture(List.of());
        }, heard -> true);
        Lookup.Result result = loop.await(lookup.run(seeds, Duration.ofSeconds(30)), Duration.ofMinutes(1));
        assertTrue(result.completed());
        assertEquals(seeds.subList(0, 20), result.closest(), "the k closest, after the follow-up");
        assertEquals(20, asked.size(), "the first α, then the rest of the k closest; never the 10 farthest");
        assertTrue(asked.stream().allMatch(seeds.subList(0, 20)::contains));
    }
}
