package io.ipfskit.routing.manager;

import io.ipfskit.multiformats.Cid;

/**
 * Tells the routing manager which blocks belong together (the blocks one request reads, from its first CID down), so
 * that the providers found for any of them are offered for the others. A service of this bundle only.
 */
public interface DagAffinity {

    /** The block is read as part of the DAG whose first block was {@code root}. */
    void relate(Cid block, Cid root);
}
