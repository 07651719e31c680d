package io.ipfskit.storage.tiered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Multihash;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArcPolicyTest {

    private static Multihash key(int i) {
        return Multihash.sha256(new byte[] {(byte) i});
    }

    @Test
    void evictsOnceSeenBlocksBeforeFrequentOnes() {
        ArcPolicy policy = new ArcPolicy(100, 0);
        policy.inserted(key(1), 10);
        policy.inserted(key(2), 10);
        policy.hit(key(1));
        assertEquals(Optional.of(key(2)), policy.evict(k -> 0));
        assertEquals(10, policy.bytes());
    }

    @Test
    void weighsSizeAndHeatAmongTheLeastRecent() {
        ArcPolicy policy = new ArcPolicy(100, 0);
        policy.inserted(key(1), 10);
        policy.inserted(key(2), 40);
        policy.inserted(key(3), 40);
        assertEquals(Optional.of(key(2)), policy.evict(k -> 0), "largest first, oldest on ties");
        assertEquals(Optional.of(key(1)), policy.evict(k -> k.equals(key(3)) ? 10 : 0), "a hot large block stays");
    }

    @Test
    void chargesTheBookkeepingOverheadOfEachBlock() {
        ArcPolicy policy = new ArcPolicy(1000, 256);
        policy.inserted(key(1), 10);
        assertEquals(266, policy.bytes());
        assertEquals(266, policy.cost(10));
        policy.removed(key(1));
        assertEquals(0, policy.bytes());
    }

    @Test
    void aSavedStateComesBackForTheBlocksStillHeld() {
        ArcPolicy policy = new ArcPolicy(1000, 100);
        policy.inserted(key(1), 10);
        policy.inserted(key(2), 20);
        policy.hit(key(2));
        policy.inserted(key(3), 30);
        policy.evict(k -> 0);
        ArcPolicy.State state = policy.state();
        ArcPolicy back = new ArcPolicy(1000, 100);
        back.restore(state, k -> !k.equals(key(1)));
        assertTrue(back.contains(key(2)) && !back.contains(key(1)), "only what the tier still holds");
        assertEquals(120, back.bytes());
        assertEquals(state.b1(), back.state().b1(), "ghosts kept");
        assertEquals(Optional.of(key(2)), back.evict(k -> 0), "key(2) was in T2, the only list left");
    }

    @Test
    void ghostHitsAdaptTheRecencyTarget() {
        ArcPolicy policy = new ArcPolicy(100, 0);
        policy.inserted(key(1), 10);
        policy.evict(k -> 0);
        policy.inserted(key(1), 10);
        assertEquals(10, policy.target(), "a B1 ghost hit grows T1's target");
        policy.inserted(key(2), 10);
        policy.hit(key(2));
        assertTrue(policy.contains(key(1)));
        policy.evict(k -> 0);
        policy.evict(k -> 0);
        policy.inserted(key(1), 10);
        assertEquals(0, policy.target(), "a B2 ghost hit shrinks it");
    }
}
