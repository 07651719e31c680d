package io.ipfskit.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.cluster.SimulatedCluster.Member;
import io.ipfskit.cluster.wire.ClusterPin;
import io.ipfskit.cluster.wire.HotCid;
import io.ipfskit.cluster.wire.PinStatus;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master's placement and state, the workers' execution and the outsiders' impotence, in a simulated cluster. */
class ClusterPeerTest {

    private static final Cid CID = cid("content");
    private final SimulatedCluster cluster = new SimulatedCluster();

    @TempDir
    Path temp;

    private static Cid cid(String text) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Member worker(long free, double load) {
        Member worker = cluster.add(NodeRole.WORKER);
        worker.storage.free = free;
        worker.storage.load = load;
        return worker;
    }

    private static Set<PeerId> allocations(Member master, Cid cid) {
        return Set.copyOf(master.peer.status(cid).orElseThrow().pin().allocations());
    }

    private static Map<PeerId, PinStatus.Status> statuses(Member master, Cid cid) {
        return master.peer.status(cid).orElseThrow().peerMap().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().status()));
    }

    @Test
    void replicasGoToTheWorkersWithTheMostFreeSpaceAndEndPinned() {
        Member master = cluster.add(NodeRole.MASTER);
        Member small = worker(100, 0);
        Member large = worker(5_000, 0);
        Member medium = worker(3_000, 0);
        cluster.rounds(1);
        master.peer.add(CID, 2);
        assertEquals(Set.of(large.id, medium.id), allocations(master, CID));
        cluster.deliver();
        assertEquals(Set.of(large.id, medium.id), cluster.holders(CID));
        assertFalse(small.storage.pinned.contains(CID));
        assertEquals(Map.of(large.id, PinStatus.Status.PINNED, medium.id, PinStatus.Status.PINNED),
                statuses(master, CID));
        cluster.rounds(1);
        assertEquals(statuses(master, CID), statuses(small, CID), "status answers on any member");
        assertEquals(statuses(master, CID), statuses(large, CID), "a worker holding a replica knows its own status");
    }

    @Test
    void atEqualFreeSpaceTheLessLoadedWorkerIsChosen() {
        Member master = cluster.add(NodeRole.MASTER);
        worker(1_000, 4);
        Member idle = worker(1_000, 0);
        Member light = worker(1_000, 0.5);
        cluster.rounds(1);
        master.peer.add(CID, 1);
        assertEquals(Set.of(idle.id), allocations(master, CID));
        Cid second = cid("second");
        master.peer.add(second, 1);
        assertEquals(Set.of(light.id), allocations(master, second), "the pin already on the idle worker counts");
    }

    @Test
    void neitherALeecherNorTheMasterTakesAPlacement() {
        Member master = cluster.add(NodeRole.MASTER);
        master.storage.free = Long.MAX_VALUE / 2;
        Member leecher = cluster.add(NodeRole.LEECHER);
        leecher.storage.free = Long.MAX_VALUE / 2;
        Member worker = worker(10, 0);
        cluster.rounds(1);
        master.peer.add(CID, 2);
        cluster.deliver();
        assertEquals(Set.of(worker.id), allocations(master, CID), "under-replicated rather than on a leecher");
        assertEquals(Set.of(worker.id), cluster.holders(CID));

        Member late = worker(10, 0);
        cluster.rounds(2);
        assertEquals(Set.of(worker.id, late.id), allocations(master, CID), "the missing replica goes to a new worker");
        assertEquals(Set.of(worker.id, late.id), cluster.holders(CID));
        assertFalse(leecher.storage.pinned.contains(CID));
    }

    @Test
    void aWorkerThatMissesItsHeartbeatsLosesItsReplicaToAnother() {
        Member master = cluster.add(NodeRole.MASTER);
        Member first = worker(5_000, 0);
        Member second = worker(4_000, 0);
        Member spare = worker(1_000, 0);
        cluster.rounds(1);
        master.peer.add(CID, 2);
        cluster.deliver();
        assertEquals(Set.of(first.id, second.id), cluster.holders(CID));

        first.running = false;
        cluster.rounds(2);
        assertEquals(Set.of(first.id, second.id), allocations(master, CID), "two missed heartbeats are not three");
        cluster.rounds(2);
        assertEquals(Set.of(second.id, spare.id), allocations(master, CID));
        assertTrue(spare.storage.pinned.contains(CID));
        assertEquals(Map.of(second.id, PinStatus.Status.PINNED, spare.id, PinStatus.Status.PINNED),
                statuses(master, CID));

        first.running = true;
        cluster.rounds(1);
        assertFalse(first.storage.pinned.contains(CID), "a returning worker unpins what moved away from it");
        assertEquals(Set.of(second.id, spare.id), allocations(master, CID));
    }

    @Test
    void aSilentWorkerKeepsItsReplicaWhileNoOtherWorkerCanTakeIt() {
        Member master = cluster.add(NodeRole.MASTER);
        Member first = worker(5_000, 0);
        Member second = worker(4_000, 0);
        cluster.rounds(1);
        master.peer.add(CID, 2);
        cluster.deliver();

        first.running = false;
        cluster.rounds(5);
        assertEquals(Set.of(first.id, second.id), allocations(master, CID), "nowhere to move it: it stays");
        first.running = true;
        cluster.rounds(1);
        assertTrue(first.storage.pinned.contains(CID), "a late worker is not made to unpin");
        assertEquals(Map.of(first.id, PinStatus.Status.PINNED, second.id, PinStatus.Status.PINNED), statuses(master, CID));

        first.running = false;
        Member spare = worker(1_000, 0);
        cluster.rounds(4);
        assertEquals(Set.of(second.id, spare.id), allocations(master, CID), "moved once a worker can take it");
        assertEquals(Set.of(first.id, second.id, spare.id), cluster.holders(CID), "the silent one heard nothing yet");
    }

    @Test
    void contentHotAcrossTheClusterIsFetchedOnceByTheMaster() {
        Member master = cluster.add(NodeRole.MASTER);
        Member a = worker(1_000, 0);
        Member b = worker(1_000, 0);
        Cid hot = cid("hot");
        Cid lukewarm = cid("lukewarm");
        a.storage.hot.addAll(List.of(new HotCid(hot, 6), new HotCid(lukewarm, 4)));
        b.storage.hot.addAll(List.of(new HotCid(hot, 6), new HotCid(lukewarm, 4)));
        cluster.rounds(3);
        assertEquals(List.of(hot), master.storage.fetched, "12 is above the threshold of 10, 8 is not");
    }

    @Test
    void theLowestMasterLeadsAndAnotherFollowsItUntilItIsGone() {
        List<PeerId> ids = SimulatedCluster.sortedPeers(2);
        Member leader = cluster.add(ids.get(0), NodeRole.MASTER, SimulatedCluster.settings(SimulatedCluster.SECRET,
                Set.of()), null);
        Member follower = cluster.add(ids.get(1), NodeRole.MASTER, SimulatedCluster.settings(SimulatedCluster.SECRET,
                Set.of()), null);
        Member w1 = worker(2_000, 0);
        Member w2 = worker(1_000, 0);
        cluster.rounds(1);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> follower.peer.add(CID, 1));
        assertTrue(refused.getMessage().contains(leader.id.toBase58()), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> w1.peer.add(CID, 1), "a worker never accepts a pin");

        leader.peer.add(CID, 1);
        cluster.rounds(1);
        assertEquals(List.of(CID), follower.peer.pins().stream().map(ClusterPin::cid).toList(), "the follower adopts");
        assertEquals(Set.of(w1.id), cluster.holders(CID));

        leader.running = false;
        cluster.rounds(4);
        assertEquals(follower.id, follower.peer.leader(cluster.clock.get()).orElseThrow());
        follower.peer.remove(CID);
        cluster.deliver();
        assertEquals(Set.of(), cluster.holders(CID), "workers obey the new leader");
        Cid next = cid("next");
        follower.peer.add(next, 2);
        cluster.deliver();
        assertEquals(Set.of(w1.id, w2.id), cluster.holders(next));
    }

    @Test
    void aRemovedPinIsUnpinnedOnItsWorkers() {
        Member master = cluster.add(NodeRole.MASTER);
        Member a = worker(1_000, 0);
        Member b = worker(1_000, 0);
        cluster.rounds(1);
        master.peer.add(CID, 2);
        cluster.deliver();
        assertEquals(Set.of(a.id, b.id), cluster.holders(CID));
        master.peer.remove(CID);
        cluster.deliver();
        assertEquals(Set.of(), cluster.holders(CID));
        assertTrue(master.peer.status(CID).isEmpty());
        assertThrows(java.util.NoSuchElementException.class, () -> master.peer.remove(CID));
    }

    @Test
    void peersWithTheWrongSecretOrUntrustedChangeNothing() {
        String wrong = "ff" + SimulatedCluster.SECRET.substring(2);
        List<PeerId> ids = SimulatedCluster.sortedPeers(3);
        // The impostors have the lowest peer ids and the most space: they would lead and take placements.
        Member impostorMaster = cluster.add(ids.get(0), NodeRole.MASTER, SimulatedCluster.settings(wrong, Set.of()),
                null);
        Member impostorWorker = cluster.add(ids.get(1), NodeRole.WORKER, SimulatedCluster.settings(wrong, Set.of()),
                null);
        impostorWorker.storage.free = Long.MAX_VALUE / 2;
        Member master = cluster.add(ids.get(2), NodeRole.MASTER, SimulatedCluster.settings(SimulatedCluster.SECRET,
                Set.of()), null);
        Member worker = worker(1_000, 0);
        cluster.rounds(1);
        impostorMaster.peer.add(cid("forged"), 2);
        cluster.rounds(1);
        assertEquals(Set.of(impostorWorker.id), cluster.holders(cid("forged")), "the impostors are a cluster of their own");
        // A placement naming our worker, sealed with the wrong secret, and one with the right secret from a peer that
        // is no live master: neither is followed.
        ClusterPin forged = new ClusterPin(cid("forged"), 1, List.of(worker.id));
        for (String secret : List.of(wrong, SimulatedCluster.SECRET)) {
            byte[] sealed = io.ipfskit.cluster.wire.ClusterCodec.seal(new io.ipfskit.cluster.wire.Body(
                    cluster.clock.get(), Long.MAX_VALUE, new io.ipfskit.cluster.wire.PinState(List.of(forged))),
                    java.util.HexFormat.of().parseHex(secret), impostorMaster.id);
            worker.peer.receive(new io.ipfskit.api.pubsub.PubSubMessage(impostorMaster.id, sealed, new byte[8],
                    List.of("t"), new byte[64], null));
        }
        assertEquals(Map.of(), worker.peer.placements());
        assertFalse(worker.storage.pinned.contains(cid("forged")));
        assertEquals(master.id, master.peer.leader(cluster.clock.get()).orElseThrow());
        assertEquals(List.of(master.id, worker.id).stream().sorted(java.util.Comparator.comparing(PeerId::toBase58))
                .toList(), master.peer.members().stream().map(PeerView::peer).toList());
        master.peer.add(CID, 2);
        cluster.deliver();
        assertEquals(Set.of(worker.id), allocations(master, CID));

        // A member with the secret but outside the trusted peers changes nothing either.
        Member untrusted = worker(Long.MAX_VALUE / 4, 0);
        Member strict = cluster.add(SimulatedCluster.sortedPeers(1).get(0), NodeRole.MASTER,
                SimulatedCluster.settings(SimulatedCluster.SECRET, Set.of(worker.id)), null);
        cluster.rounds(1);
        assertTrue(strict.peer.members().stream().noneMatch(v -> v.peer().equals(untrusted.id)));
        assertTrue(master.peer.members().stream().anyMatch(v -> v.peer().equals(untrusted.id)),
                "the trusting master hears it: the difference is the trusted list");
    }

    @Test
    void aFailedPinIsReportedAndRetriedLater() {
        Member master = cluster.add(NodeRole.MASTER);
        Member worker = worker(1_000, 0);
        worker.storage.failure = "block not found";
        cluster.rounds(1);
        master.peer.add(CID, 1);
        cluster.deliver();
        PinStatus error = master.peer.status(CID).orElseThrow().peerMap().get(worker.id);
        assertEquals(PinStatus.Status.ERROR, error.status());
        assertEquals("block not found", error.error());
        worker.storage.failure = null;
        cluster.rounds(1);
        assertEquals(PinStatus.Status.ERROR, statuses(master, CID).get(worker.id), "not retried at once");
        cluster.rounds(3);
        assertEquals(PinStatus.Status.PINNED, statuses(master, CID).get(worker.id));
    }

    @Test
    void theMastersStateSurvivesARestart() throws Exception {
        Path file = temp.resolve("cluster").resolve("pins");
        PeerId masterId = SimulatedCluster.sortedPeers(1).get(0);
        ClusterSettings settings = SimulatedCluster.settings(SimulatedCluster.SECRET, Set.of());
        Member master = cluster.add(masterId, NodeRole.MASTER, settings, new PinStore(file));
        Member worker = worker(1_000, 0);
        cluster.rounds(1);
        master.peer.add(CID, 1);
        master.peer.add(cid("gone"), 1);
        master.peer.remove(cid("gone"));
        cluster.deliver();
        assertTrue(Files.exists(file));
        assertFalse(Files.exists(file.resolveSibling("pins.tmp")), "the temporary file was moved over the state");

        master.running = false;
        Member restarted = cluster.add(masterId, NodeRole.MASTER, settings, new PinStore(file));
        assertEquals(List.of(CID), restarted.peer.pins().stream().map(ClusterPin::cid).toList());
        assertEquals(Set.of(worker.id), allocations(restarted, CID));
        cluster.rounds(2);
        assertEquals(Map.of(worker.id, PinStatus.Status.PINNED), statuses(restarted, CID));
        assertEquals(Set.of(worker.id), cluster.holders(CID));
    }
}
