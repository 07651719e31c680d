package io.ipfskit.unixfs;

import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.VerifiedBlock;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;

/** Where the importer writes each block it makes, children before parents; a {@code Blockstore::put} fits. */
@FunctionalInterface
public interface BlockSink {

    /** Stores one block under its CID. */
    void put(Cid cid, byte[] block) throws IOException;

    /**
     * Stores a block whose CID was computed or checked here (the importer hashes each block once and hands it on so);
     * a sink over a {@code Blockstore} overrides this to pass it on unhashed, this default stores it as any block.
     */
    default void put(VerifiedBlock block) throws IOException {
        put(block.cid(), block.data());
    }

    /** A sink into the blockstore: verified blocks handed on as such (not hashed again), others checked by it. */
    static BlockSink into(Blockstore blockstore) {
        return new BlockSink() {
            @Override
            public void put(Cid cid, byte[] block) throws IOException {
                blockstore.put(cid, block);
            }

            @Override
            public void put(VerifiedBlock block) throws IOException {
                blockstore.put(block);
            }
        };
    }
}
