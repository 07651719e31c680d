package io.ipfskit.unixfs;

import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Where the exporter reads blocks from, empty when a block is missing; a {@code Blockstore::get} fits. */
@FunctionalInterface
public interface BlockSource {

    /** The block's bytes, or empty when it is not available. */
    Optional<byte[]> get(Cid cid) throws IOException;

    /** A hint that these blocks will be read soon, in this order (a source that fetches may start now); never blocks. */
    default void prefetch(List<Cid> cids) {
    }
}
