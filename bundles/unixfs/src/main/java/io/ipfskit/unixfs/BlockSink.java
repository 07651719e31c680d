package io.ipfskit.unixfs;

import io.ipfskit.multiformats.Cid;
import java.io.IOException;

/** Where the importer writes each block it makes, children before parents; a {@code Blockstore::put} fits. */
@FunctionalInterface
public interface BlockSink {

    /** Stores one block under its CID. */
    void put(Cid cid, byte[] block) throws IOException;
}
