package io.ipfskit.api.storage;

import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.Map;

/** Pins roots so garbage collection keeps them, and collects every unpinned block of the blockstore. */
public interface Pinning {

    /** Pins a root; a recursive pin fails with {@link java.util.NoSuchElementException} if a block of the DAG is missing. */
    void pin(Cid root, PinType type) throws IOException;

    /** Removes the pin of a root; returns whether it was pinned. */
    boolean unpin(Cid root) throws IOException;

    /** Every pinned root with its pin type. */
    Map<Cid, PinType> pins();

    /** Removes every block that no pin protects and reports what was removed. */
    GcResult gc() throws IOException;

    /** Counts of the blocks in the store. */
    RepoStat stat() throws IOException;
}
