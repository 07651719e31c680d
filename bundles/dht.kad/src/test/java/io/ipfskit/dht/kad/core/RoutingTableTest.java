package io.ipfskit.dht.kad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private final Random random = new Random(1);
    private final PeerId self = peer();
    private final Key selfKey = Key.of(self);
    private final List<PeerId> added = new ArrayList<>();

    private PeerId peer() {
        byte[] id = new byte[34];
        id[0] = 0x12;
        id[1] = 0x20;
        for (int i = 2; i < id.length; i++) {
            id[i] = (byte) random.nextInt(256);
        }
        return PeerId.fromBytes(id);
    }

    /** A peer whose key shares exactly {@code cpl} leading bits with ours. */
    private PeerId peerAt(int cpl) {
        PeerId p;
        do {
            p = peer();
        } while (selfKey.commonPrefixLength(Key.of(p)) != cpl);
        return p;
    }

    private static List<Multiaddr> at(String ip) {
        return List.of(Multiaddr.parse("/ip4/" + ip + "/tcp/4001"));
    }

    private RoutingTable table(boolean diversity) {
        return new RoutingTable(selfKey, 20, diversity, e -> added.add(e.peer()));
    }

    @Test
    void commonPrefixLengthAndDistanceFollowXor() {
        for (int i = 0; i < 200; i++) {
            Key a = Key.of(peer());
            Key b = Key.of(peer());
            BigInteger x = new BigInteger(1, a.bytes()).xor(new BigInteger(1, selfKey.bytes()));
            BigInteger y = new BigInteger(1, b.bytes()).xor(new BigInteger(1, selfKey.bytes()));
            assertEquals(Integer.signum(x.compareTo(y)), Integer.signum(selfKey.compareDistance(a, b)));
            assertEquals(256 - x.bitLength(), selfKey.commonPrefixLength(a));
        }
        assertEquals(256, selfKey.commonPrefixLength(Key.of(self)));
    }

    @Test
    void aBucketHoldsKPeersAndARemovedOneIsReplacedByTheNewestWaiting() {
        RoutingTable table = table(false);
        List<PeerId> in = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            PeerId p = peerAt(0);
            assertEquals(RoutingTable.Outcome.ADDED, table.add(p, at("10.0.0." + i), i).outcome());
            in.add(p);
        }
        PeerId waiting1 = peerAt(0);
        PeerId waiting2 = peerAt(0);
        RoutingTable.Admission full = table.add(waiting1, at("10.0.1.1"), 100);
        assertEquals(RoutingTable.Outcome.FULL, full.outcome());
        assertEquals(in.get(0), full.stalest(), "the peer that answered longest ago");
        table.add(waiting2, at("10.0.1.2"), 101);
        assertEquals(20, table.size());
        assertTrue(table.remove(in.get(5)));
        assertTrue(table.contains(waiting2) && !table.contains(waiting1) && !table.contains(in.get(5)));
        assertEquals(RoutingTable.Outcome.REFRESHED, table.add(in.get(0), List.of(), 200).outcome());
        assertEquals(21, added.size());
    }

    @Test
    void nearestIsSortedByXorDistanceToTheTarget() {
        RoutingTable table = table(false);
        List<PeerId> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            PeerId p = peer();
            if (table.add(p, at("10.0." + (i / 250) + "." + (i % 250)), i).outcome() == RoutingTable.Outcome.ADDED) {
                all.add(p);
            }
        }
        Key target = Key.of(peer());
        all.sort(Comparator.comparing(p -> new BigInteger(1, Key.of(p).bytes()).xor(new BigInteger(1, target.bytes()))));
        assertEquals(all.subList(0, 20), table.nearest(target, 20).stream().map(RoutingTable.Entry::peer).toList());
    }

    @Test
    void theDiversityFilterAllowsTwoPerSlash16PerBucketAndThreePerTable() {
        RoutingTable table = table(true);
        assertEquals(RoutingTable.Outcome.ADDED, table.add(peerAt(0), at("8.8.1.1"), 0).outcome());
        assertEquals(RoutingTable.Outcome.ADDED, table.add(peerAt(0), at("8.8.2.2"), 0).outcome());
        assertEquals(RoutingTable.Outcome.REFUSED, table.add(peerAt(0), at("8.8.3.3"), 0).outcome());
        assertEquals(RoutingTable.Outcome.ADDED, table.add(peerAt(1), at("8.8.4.4"), 0).outcome());
        assertEquals(RoutingTable.Outcome.REFUSED, table.add(peerAt(2), at("8.8.5.5"), 0).outcome());
        assertEquals(RoutingTable.Outcome.ADDED, table.add(peerAt(2), at("8.9.5.5"), 0).outcome());
        for (int i = 0; i < 5; i++) {
            assertEquals(RoutingTable.Outcome.ADDED, table.add(peerAt(0), at("192.168.0." + i), 0).outcome(),
                    "private addresses are not grouped");
        }
        PeerId leaving = table.nearest(Key.of(peer()), 100).stream()
                .filter(e -> e.addresses().get(0).toString().startsWith("/ip4/8.8.")).findFirst().orElseThrow().peer();
        table.remove(leaving);
        assertEquals(RoutingTable.Outcome.ADDED, table.add(peerAt(3), at("8.8.6.6"), 0).outcome(), "a freed place");
    }

    @Test
    void withoutTheDiversityFilterOneSubnetMayFillABucket() {
        RoutingTable table = table(false);
        for (int i = 0; i < 20; i++) {
            assertEquals(RoutingTable.Outcome.ADDED, table.add(peerAt(0), at("8.8.8." + i), 0).outcome());
        }
        assertFalse(table.contains(self));
        assertEquals(RoutingTable.Outcome.REFUSED, table.add(self, at("8.8.9.9"), 0).outcome());
    }
}
