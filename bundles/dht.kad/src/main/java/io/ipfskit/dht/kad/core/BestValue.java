package io.ipfskit.dht.kad.core;

import io.ipfskit.dht.kad.records.RecordValidator;
import io.ipfskit.multiformats.PeerId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The best of the valid values one GET_VALUE search meets (by the namespace's selector) and the peers that hold it, so
 * the others can be corrected when the search ends.
 */
final class BestValue {

    private final byte[] key;
    private final RecordValidator validator;
    private final Set<PeerId> holders = new HashSet<>();
    private byte[] best;

    BestValue(byte[] key, RecordValidator validator) {
        this.key = key;
        this.validator = validator;
    }

    /** A valid value from a peer: it becomes the best if it beats the best so far. */
    synchronized void offer(PeerId from, byte[] value) {
        if (best != null && Arrays.equals(best, value)) {
            holders.add(from);
            return;
        }
        if (best == null || validator.select(key, List.of(best, value)) == 1) {
            best = value;
            holders.clear();
            holders.add(from);
        }
    }

    /** The best value, or null if none. */
    synchronized byte[] value() {
        return best;
    }

    /** The peers that returned the best value. */
    synchronized Set<PeerId> holders() {
        return Set.copyOf(holders);
    }
}
