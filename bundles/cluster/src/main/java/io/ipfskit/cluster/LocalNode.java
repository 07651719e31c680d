package io.ipfskit.cluster;

import io.ipfskit.cluster.wire.HotCid;
import io.ipfskit.multiformats.Cid;
import java.util.List;

/** What the cluster needs of the node it runs on: its space, load and heat, and its pins (blocking calls). */
interface LocalNode {

    /** Bytes the node may store. */
    long capacity();

    /** Bytes still free. */
    long free();

    /** The system's load per core (0 when unknown). */
    double systemLoad();

    /** The node's hottest CIDs, hottest first, at most {@code max}. */
    List<HotCid> hottest(int max);

    /** Whether the node holds the block. */
    boolean has(Cid cid);

    /** Fetches the DAG from the network where it lacks blocks and pins it recursively; blocks until done. */
    void pin(Cid cid) throws Exception;

    /** Removes the pin, if any. */
    void unpin(Cid cid) throws Exception;

    /** Fetches the block from the network into the node's store (unpinned). */
    void fetch(Cid cid) throws Exception;
}
