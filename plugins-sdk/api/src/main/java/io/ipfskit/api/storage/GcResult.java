package io.ipfskit.api.storage;

import io.ipfskit.multiformats.Multihash;
import java.util.List;

/** What one garbage collection removed: the blocks (by multihash) and their bytes in the durable store. */
public record GcResult(List<Multihash> removed, long bytesRemoved) {

    /** Copies the list so the record stays immutable. */
    public GcResult {
        removed = List.copyOf(removed);
    }

    /** How many blocks were removed. */
    public int blocksRemoved() {
        return removed.size();
    }
}
